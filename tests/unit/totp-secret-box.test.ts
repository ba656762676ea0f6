/** Staff TOTP secrets at rest (lib/auth/totp-secret-box.ts, lib/auth/totp-key.ts) and the key's configuration. */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { newTotpSecret } from "@/lib/auth/totp";
import { keyringFrom } from "@/lib/auth/totp-key";
import { openTotpSecret, sealTotpSecret, sealedKeyId, totpKeyId, TotpSecretUnreadableError } from "@/lib/auth/totp-secret-box";
import { parseEnv } from "@/lib/env.js";

const key = () => crypto.randomBytes(32);
const userId = "2f0e4a8c-1b6d-4c3e-9a7f-5d2b8e1c0a94";
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("TOTP secrets at rest", () => {
  it("stores a ciphertext that does not contain the base32 secret, and opens it again", () => {
    const keyring = { current: key(), previous: [] };
    const secret = newTotpSecret();
    const stored = sealTotpSecret(secret, userId, keyring);
    expect(stored).not.toBe(secret);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(Buffer.from(secret).toString("base64url"));
    expect(stored.startsWith(`v1.${totpKeyId(keyring.current)}.`)).toBe(true);
    // A fresh IV each time: sealing twice gives two different rows.
    expect(sealTotpSecret(secret, userId, keyring)).not.toBe(stored);
    expect(openTotpSecret(stored, userId, keyring)).toBe(secret);
  });

  it("refuses with a clear error under a wrong key, for another user, or when altered", () => {
    const sealedWith = { current: key(), previous: [] };
    const stored = sealTotpSecret(newTotpSecret(), userId, sealedWith);
    const wrong = { current: key(), previous: [] };
    expect(() => openTotpSecret(stored, userId, wrong)).toThrow(TotpSecretUnreadableError);
    expect(() => openTotpSecret(stored, userId, wrong)).toThrow(new RegExp(`encrypted with key ${totpKeyId(sealedWith.current)}, which is neither TOTP_ENCRYPTION_KEY`));
    expect(() => openTotpSecret(stored, "another-user", sealedWith)).toThrow(/does not decrypt/);
    const parts = stored.split(".");
    const flipped = Buffer.from(parts[3], "base64url").map((b, i) => (i === 0 ? b ^ 1 : b));
    parts[3] = Buffer.from(flipped).toString("base64url");
    expect(() => openTotpSecret(parts.join("."), userId, sealedWith)).toThrow(/does not decrypt/);
  });

  it("reads with a previous key during a rotation, and passes a legacy plain secret through", () => {
    const old = key();
    const secret = newTotpSecret();
    const stored = sealTotpSecret(secret, userId, { current: old, previous: [] });
    expect(openTotpSecret(stored, userId, { current: key(), previous: [old] })).toBe(secret);
    expect(sealedKeyId(stored)).toBe(totpKeyId(old));
    expect(openTotpSecret(secret, userId, { current: key(), previous: [] })).toBe(secret);
    expect(sealedKeyId(secret)).toBeNull();
  });

  it("embedded mode: generates DATA_DIR/totp-key once with mode 0600, and refuses a readable one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-totp-key-"));
    dirs.push(dir);
    const first = keyringFrom(undefined, undefined, dir);
    expect(first.current).toHaveLength(32);
    expect(fs.statSync(path.join(dir, "totp-key")).mode & 0o777).toBe(0o600);
    expect(keyringFrom(undefined, undefined, dir).current.equals(first.current)).toBe(true);
    if (process.platform !== "win32") {
      fs.chmodSync(path.join(dir, "totp-key"), 0o644);
      expect(() => keyringFrom(undefined, undefined, dir)).toThrow(/totp-key can be read by other users \(mode 644\): run chmod 600 on it$/);
    }
    // A configured key wins over the file, in hex or base64.
    const configured = key();
    expect(keyringFrom(configured.toString("base64"), configured.toString("hex"), dir)).toEqual({ current: configured, previous: [] });
  });

  it("server mode: the app does not start without TOTP_ENCRYPTION_KEY, nor with a key that is not 32 bytes", () => {
    const server = { DATABASE_URL: "postgres://u@db/sightline", NEXTAUTH_SECRET: "0123456789abcdef0123456789abcdef", NEXTAUTH_URL: "https://cameras.example.gov" };
    expect(() => parseEnv(server)).toThrow(/TOTP_ENCRYPTION_KEY is required when DATABASE_URL is set/);
    expect(() => parseEnv({ ...server, TOTP_ENCRYPTION_KEY: "too-short-to-be-a-key" })).toThrow(/TOTP_ENCRYPTION_KEY must be 32 random bytes/);
    expect(() => parseEnv({ ...server, TOTP_ENCRYPTION_KEY: key().toString("hex"), TOTP_ENCRYPTION_KEY_PREVIOUS: "abc" })).toThrow(/TOTP_ENCRYPTION_KEY_PREVIOUS/);
    expect(parseEnv({ ...server, TOTP_ENCRYPTION_KEY: key().toString("base64") }).TOTP_ENCRYPTION_KEY).toHaveLength(44);
    // The embedded demo needs none (it keeps one under DATA_DIR).
    expect(parseEnv({}).TOTP_ENCRYPTION_KEY).toBeUndefined();
  });
});
