/**
 * The owner's private management link. 256 random bits (well over the 128
 * required), shown once and stored only as its SHA-256: a fast hash is right
 * for a high-entropy secret, and a database leak does not leak working links.
 */
import crypto from "node:crypto";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateManageToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function hashManageToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** Cheap shape check before touching the database. */
export function isWellFormedManageToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function manageUrlFor(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/manage/${token}`;
}
