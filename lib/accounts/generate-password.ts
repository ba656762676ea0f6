import crypto from "node:crypto";

/** 144 random bits, URL-safe: comfortably past the policy, meant to be changed or kept in a manager. */
export function generatePassword(): string {
  return crypto.randomBytes(18).toString("base64url");
}
