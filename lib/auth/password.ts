import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
const ARGON2_OPTIONS = { algorithm: 2 /* Algorithm.Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Same work as a real check, so timing does not tell accounts without a password apart.
    await verify(DUMMY_HASH, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when there is no such account, so unknown e-mails take as long as wrong passwords. */
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$ARhhQGFKFMx5LbGdExVL6g$bFC7g/Bk+CE1cJegkBqQ27JrlBrlAOekP3xs8cn+q34";

export async function verifyAgainstDummy(password: string): Promise<void> {
  await verify(DUMMY_HASH, password).catch(() => false);
}
