import crypto from "node:crypto";

/**
 * Staff TOTP secrets at rest: AES-256-GCM (node:crypto) under the agency's key,
 * so a database dump or backup alone cannot mint second-factor codes. The
 * additional data binds each ciphertext to its user, so a row copied onto
 * another account does not decrypt. Stored as
 * `v1.<key id>.<iv>.<ciphertext>.<tag>` (base64url): the key id (a hash of the
 * key, not the key) says which key sealed it, so a rotation can read with the
 * previous key and re-seal with the current one.
 *
 * Pure: no database, no environment (lib/auth/totp-key.ts supplies the keys).
 */
const VERSION = "v1";
const IV_BYTES = 12;

export interface TotpKeyring {
  /** Seals every new secret. */
  current: Buffer;
  /** Former keys, read only (during a rotation). */
  previous: Buffer[];
}

/** A short public name for a key: which key sealed a secret, without telling the key. */
export function totpKeyId(key: Buffer): string {
  return crypto.createHash("sha256").update("sightline totp key id\0").update(key).digest("hex").slice(0, 12);
}

/** Thrown when a sealed secret cannot be opened: wrong or missing key, or a tampered row. */
export class TotpSecretUnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TotpSecretUnreadableError";
  }
}

function additionalData(userId: string): Buffer {
  return Buffer.from(`sightline totp secret ${VERSION} user ${userId}`);
}

export function isSealedTotpSecret(stored: string): boolean {
  return stored.startsWith(`${VERSION}.`);
}

/** The key id a sealed secret names, or null for a legacy plain secret. */
export function sealedKeyId(stored: string): string | null {
  return isSealedTotpSecret(stored) ? (stored.split(".")[1] ?? null) : null;
}

export function sealTotpSecret(secretBase32: string, userId: string, keyring: TotpKeyring): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyring.current, iv);
  cipher.setAAD(additionalData(userId));
  const ciphertext = Buffer.concat([cipher.update(secretBase32, "utf8"), cipher.final()]);
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString("base64url"));
  return [VERSION, totpKeyId(keyring.current), ...parts].join(".");
}

/**
 * The base32 secret from its stored form. A legacy plain secret (stored before
 * encryption at rest) is returned as it is; it is sealed at the next start
 * (lib/auth/totp-secret-migration.ts).
 */
export function openTotpSecret(stored: string, userId: string, keyring: TotpKeyring): string {
  if (!isSealedTotpSecret(stored)) return stored;
  const [, keyId, iv, ciphertext, tag] = stored.split(".");
  const key = [keyring.current, ...keyring.previous].find((k) => totpKeyId(k) === keyId);
  if (!key) {
    throw new TotpSecretUnreadableError(
      `the second-factor secret of user ${userId} was encrypted with key ${keyId}, which is neither TOTP_ENCRYPTION_KEY (${totpKeyId(keyring.current)}) ` +
        `nor in TOTP_ENCRYPTION_KEY_PREVIOUS: configure the key it was encrypted with`,
    );
  }
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(additionalData(userId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new TotpSecretUnreadableError(`the second-factor secret of user ${userId} does not decrypt with key ${keyId} (altered, or copied from another account)`);
  }
}
