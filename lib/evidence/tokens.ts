import crypto from "node:crypto";

/** 32 random bytes (256 bits), base64url: the private part of an upload link. */
export function generateUploadToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** Only this is stored; the token is shown once and never written down. */
export function hashUploadToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token as we issue them: 43 base64url characters. Anything else is not worth a lookup. */
export function looksLikeUploadToken(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}
