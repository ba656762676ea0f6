/**
 * Who put the site's pin where it is, as the owner's pages word it: "You placed your
 * address here" or "We placed your address here". Pure, for the owner's view and its tests.
 */
export interface PinFacts {
  location: unknown;
  /** "owner" when the resident set it (on the form or behind the private link); a staff label otherwise. */
  pinConfirmedBy: string | null;
  pinConfirmedAt: Date | null;
  /** What the registry matched the typed address to, if anything. */
  matchedAddress: string | null;
  createdAt: Date;
}

/**
 * The resident's own pin: set by the owner, and either on an address the registry could not
 * match (a pin on the map was the only place there was) or moved by the owner after registering
 * (later than the registration itself). A place the resident chose from our "did you mean" list
 * is sent as a pin too, but it is our match (matchedAddress) placed at registration: "we placed".
 */
export function pinPlacedByResident(r: PinFacts): boolean {
  if (!r.location || r.pinConfirmedBy !== "owner") return false;
  if (r.matchedAddress === null) return true;
  return r.pinConfirmedAt !== null && r.pinConfirmedAt.getTime() > r.createdAt.getTime();
}
