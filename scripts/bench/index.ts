/**
 * npm run bench: see run-bench.ts. The app's configuration (lib/env.js) asks
 * for NEXTAUTH_SECRET and TOTP_ENCRYPTION_KEY whenever DATABASE_URL is set; the
 * bench signs and seals nothing that outlives it, so it supplies throwaway ones before that check runs
 * (static imports would run it first, hence the dynamic import).
 */
import crypto from "node:crypto";

process.env.NEXTAUTH_SECRET ||= crypto.randomBytes(32).toString("hex");
process.env.TOTP_ENCRYPTION_KEY ||= crypto.randomBytes(32).toString("hex");
// Likewise a public base URL (required with DATABASE_URL); the bench hands out no links.
process.env.NEXTAUTH_URL ||= "http://localhost:3000";
await import("./run-bench");
