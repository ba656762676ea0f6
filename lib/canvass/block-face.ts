/**
 * Block faces on an address grid: one side of one hundred block of one
 * street ("10300 block W Roosevelt Rd, even side"). Canvassers work a block
 * face at a time, and supervisors hand them out that way.
 */

export interface BlockFace {
  key: string;
  label: string;
  street: string;
  hundredBlock: number | null;
  side: "odd" | "even" | null;
}

export function blockFaceFor(addressLine1: string): BlockFace {
  const match = addressLine1.trim().match(/^(\d+)[A-Za-z]?(?:-\d+)?\s+(.+)$/);
  if (!match) {
    const street = addressLine1.trim();
    return { key: street.toUpperCase(), label: street, street, hundredBlock: null, side: null };
  }
  const number = Number(match[1]);
  const street = match[2].replace(/\s+/g, " ").trim();
  const hundredBlock = Math.floor(number / 100) * 100;
  const side = number % 2 === 0 ? "even" : "odd";
  return {
    key: `${street.toUpperCase()}|${hundredBlock}|${side}`,
    label: `${hundredBlock} block ${street}, ${side} side`,
    street,
    hundredBlock,
    side,
  };
}
