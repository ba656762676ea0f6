import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env.js";

let cached: string | null = null;

/** Shorter than this is refused: the secret signs every staff session. */
export const MIN_SECRET_LENGTH = 32;

/**
 * NEXTAUTH_SECRET when set (required on a server deployment, see lib/env.js).
 * The embedded demo generates one on first use and keeps it in
 * DATA_DIR/auth-secret (mode 0600), so sessions survive restarts.
 */
export function authSecret(): string {
  if (cached) return cached;
  if (env.NEXTAUTH_SECRET) return (cached = env.NEXTAUTH_SECRET);
  return (cached = authSecretFromDataDir(path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR)));
}

/**
 * The secret in `dataDir/auth-secret`, generated when the file is missing. A
 * file that is short or that other users can read is refused with one line
 * saying what to do: anyone who reads it can mint an admin's session.
 */
export function authSecretFromDataDir(dataDir: string): string {
  return secretFromDataDirFile(dataDir, "auth-secret", "delete it to generate a new one");
}

/**
 * A 32-byte random secret (64 hex digits) kept in `dataDir/fileName` with mode
 * 0600, generated when missing; refused, with one line, when other users can
 * read it or it is shorter than MIN_SECRET_LENGTH (`fix` says what to do then).
 */
export function secretFromDataDirFile(dataDir: string, fileName: string, fix: string): string {
  const file = path.join(dataDir, fileName);
  const existing = readChecked(file, fix);
  if (existing) return existing;
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("hex");
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (err) {
    // Another process wrote it first: use theirs (checked like any other).
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return readChecked(file, fix)!;
  }
}

function readChecked(file: string, fix: string): string | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  if (process.platform !== "win32" && (stat.mode & 0o077) !== 0) {
    throw new Error(`${file} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}): run chmod 600 on it${fix.startsWith("delete") ? `, or ${fix}` : ""}`);
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${file} holds a secret of ${secret.length} characters (at least ${MIN_SECRET_LENGTH}): ${fix}`);
  }
  return secret;
}
