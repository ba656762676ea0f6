import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * NIST SP 800-63B style: a length floor and a blocklist of known passwords,
 * no composition rules. The blocklist is zxcvbn-ts's list of common passwords.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

let commonPasswords: Set<string> | null = null;
function isCommonPassword(lowered: string): boolean {
  commonPasswords ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  if (commonPasswords.has(lowered)) return true;
  // "passwordpassword", "qwertyqwerty123": a common word repeated is no stronger than the word.
  const repeated = lowered.match(/^(.+?)\1+(\d{0,4})$/);
  return repeated !== null && commonPasswords.has(repeated[1]);
}

/** The reason a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lowered = password.toLowerCase();
  if (isCommonPassword(lowered)) return "is too common; choose a longer phrase of unrelated words";
  if (/^(.)\1+$/.test(password)) return "must not be one repeated character";
  const emailLocal = context.email?.split("@")[0]?.toLowerCase();
  if (emailLocal && emailLocal.length >= 4 && lowered.includes(emailLocal)) return "must not contain your e-mail name";
  if (lowered.includes("sightline")) return "must not contain the name of this application";
  return null;
}
