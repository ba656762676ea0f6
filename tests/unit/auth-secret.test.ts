import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { authSecretFromDataDir } from "@/lib/auth/auth-secret";
import { parseEnv } from "@/lib/env.js";

const dirs: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-secret-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("the session signing secret", () => {
  it("is generated once under DATA_DIR with mode 0600 and reused", () => {
    const dir = tmp();
    const first = authSecretFromDataDir(dir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
    expect(authSecretFromDataDir(dir)).toBe(first);
  });
  it("refuses a short DATA_DIR/auth-secret instead of signing sessions with it", () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "auth-secret"), "abcde", { mode: 0o600 });
    expect(() => authSecretFromDataDir(dir)).toThrow(/5 characters \(at least 32\): delete it/);
  });
  it.skipIf(process.platform === "win32")("refuses a DATA_DIR/auth-secret that other users can read", () => {
    const dir = tmp();
    const file = path.join(dir, "auth-secret");
    fs.writeFileSync(file, "f".repeat(20) + "0123456789abcdef0123456789");
    fs.chmodSync(file, 0o644);
    expect(() => authSecretFromDataDir(dir)).toThrow(/can be read by other users \(mode 644\): run chmod 600/);
  });
  it("refuses a NEXTAUTH_SECRET that is short or a repeated pattern", () => {
    const server = { DATABASE_URL: "postgres://u@db/sightline", NEXTAUTH_URL: "https://cameras.example.gov", TOTP_ENCRYPTION_KEY: "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0" };
    expect(() => parseEnv({ ...server, NEXTAUTH_SECRET: "short-secret" })).toThrow(/NEXTAUTH_SECRET must be at least 32 characters/);
    expect(() => parseEnv({ ...server, NEXTAUTH_SECRET: "x".repeat(40) })).toThrow(/NEXTAUTH_SECRET must be random/);
    expect(() => parseEnv({ ...server, NEXTAUTH_SECRET: "secretsecretsecretsecretsecretsecret" })).toThrow(/must be random/);
    expect(parseEnv({ ...server, NEXTAUTH_SECRET: "3f9c1e0a7b5d42c8e6f1a9b3d7c5e2f40a8b6c4d2e1f3a5b7c9d0e2f4a6b8c1d" }).NEXTAUTH_SECRET).toHaveLength(64);
  });
});
