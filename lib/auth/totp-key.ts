import "server-only";
import path from "node:path";
import { aes256KeyBytes, env } from "@/lib/env.js";
import { secretFromDataDirFile } from "./auth-secret";
import type { TotpKeyring } from "./totp-secret-box";

let cached: TotpKeyring | null = null;

/**
 * The keys that seal staff TOTP secrets (lib/auth/totp-secret-box.ts):
 * TOTP_ENCRYPTION_KEY (required with DATABASE_URL, see lib/env.js), plus any
 * TOTP_ENCRYPTION_KEY_PREVIOUS still being rotated out. The embedded demo
 * generates its key once in DATA_DIR/totp-key (mode 0600, checked like
 * DATA_DIR/auth-secret), so secrets survive restarts without configuration.
 */
export function totpKeyring(): TotpKeyring {
  if (cached) return cached;
  return (cached = keyringFrom(env.TOTP_ENCRYPTION_KEY, env.TOTP_ENCRYPTION_KEY_PREVIOUS, path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR)));
}

export function keyringFrom(configured: string | undefined, previous: string | undefined, dataDir: string): TotpKeyring {
  const text =
    configured ??
    secretFromDataDirFile(dataDir, "totp-key", "restore the file from a backup (without it no second factor can be read; admins then reset every account's second factor)");
  const current = aes256KeyBytes(text);
  if (!current) throw new Error(`${configured ? "TOTP_ENCRYPTION_KEY" : path.join(dataDir, "totp-key")} is not 32 bytes as 64 hex digits or base64`);
  const former = (previous ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean)
    .flatMap((k): Buffer[] => {
      const bytes = aes256KeyBytes(k);
      return bytes && !bytes.equals(current) ? [bytes] : [];
    });
  return { current, previous: former };
}
