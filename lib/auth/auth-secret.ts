import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env.js";

let cached: string | null = null;

/**
 * NEXTAUTH_SECRET when set (required on a server deployment, see lib/env.js).
 * The embedded demo generates one on first use and keeps it in
 * DATA_DIR/auth-secret (mode 0600), so sessions survive restarts.
 */
export function authSecret(): string {
  if (cached) return cached;
  if (env.NEXTAUTH_SECRET) return (cached = env.NEXTAUTH_SECRET);
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR);
  const file = path.join(dataDir, "auth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
    if (cached.length >= 32) return cached;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("hex");
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    cached = secret;
  } catch (err) {
    // Another process wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    cached = fs.readFileSync(file, "utf8").trim();
  }
  return cached;
}
