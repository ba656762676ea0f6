/**
 * The TOTP encryption key at the real app's start (`next start`,
 * instrumentation.ts → lib/startup/prepare-database.ts): a server deployment
 * without TOTP_ENCRYPTION_KEY does not start; a second-factor secret stored in
 * plain base32 (before encryption at rest) is sealed by the start and opens to
 * the same secret; a secret sealed under a key the app does not have stops the
 * start with one line naming the key ids (never the keys); offered that key as
 * TOTP_ENCRYPTION_KEY_PREVIOUS, the start re-seals it (a rotation). Signing in
 * with a code from a sealed secret: tests/integration/totp-at-rest.test.ts. Needs
 * `npm run build`; without one it is skipped.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openDatabase, type Db } from "../../db/client";
import { users } from "../../db/schema";
import { newTotpSecret } from "../../lib/auth/totp";
import { totpKeyring } from "../../lib/auth/totp-key";
import { openTotpSecret, sealTotpSecret, totpKeyId } from "../../lib/auth/totp-secret-box";
import { hasBuild, startBuiltApp, type RunningApp } from "../../scripts/support/next-app";
import { createStaff } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { PROCESS_TEST_TIMEOUT_MS } from "../support/process-budget";
import { appEnvFor, prepareRegistrationData } from "./support";

const built = hasBuild();
if (!built) console.warn("[faults] totp-key-at-start: no build (.next/BUILD_ID); run `npm run build` first — skipped");

let t: TestDatabase;
let app: RunningApp | undefined;
let userId: string;
const plain = newTotpSecret();
const logFile = path.join(os.tmpdir(), `sightline-fault-totp-key-${process.pid}.log`);

beforeAll(async () => {
  if (!built) return;
  t = await createTestDatabase();
  // One registration, so the embedded app does not seed the demo.
  await prepareRegistrationData(t.db);
  // A second factor enrolled before encryption at rest: its secret in plain base32.
  const user = await createStaff(t.db, { role: "detective" });
  userId = user.id;
  await t.db.update(users).set({ totpSecret: plain, totpEnabledAt: new Date() }).where(eq(users.id, userId));
  await t.disconnect();
});
afterAll(async () => {
  await app?.stop(2000);
  await t?.close();
  fs.rmSync(logFile, { force: true });
});

/** The database again, while no app holds it (the embedded one belongs to one process). */
async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const handle = await openDatabase(t.kind === "embedded" ? { dataDir: t.location, migrate: false } : { databaseUrl: t.location, migrate: false });
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

const storedSecret = () => withDatabase(async (db) => (await db.select({ s: users.totpSecret }).from(users).where(eq(users.id, userId)))[0].s!);

/** Start the app, let it finish its start-up, stop it; what it logged. */
async function startAndStop(env: Record<string, string>): Promise<string> {
  fs.writeFileSync(logFile, "");
  app = await startBuiltApp({ env, logFile });
  await app.stop();
  app = undefined;
  return fs.readFileSync(logFile, "utf8");
}

/** Start the app and expect it to exit instead; what it logged meanwhile. */
async function refusedStart(env: Record<string, string>): Promise<string> {
  fs.writeFileSync(logFile, "");
  await expect(startBuiltApp({ env, logFile, healthTimeoutMs: 90_000 })).rejects.toThrow(/exited \(1\) before it was healthy/);
  return fs.readFileSync(logFile, "utf8");
}

describe.skipIf(!built)(`the TOTP encryption key at start (${process.env.DATABASE_URL ? "server" : "embedded"})${built ? "" : " (skipped: no build; run npm run build first)"}`, () => {
  it.skipIf(!process.env.DATABASE_URL)(`a server deployment without TOTP_ENCRYPTION_KEY does not start, and says why${process.env.DATABASE_URL ? "" : " (skipped: needs DATABASE_URL; without it the key is generated)"}`, async () => {
    const log = await refusedStart({ ...appEnvFor(t.location), TOTP_ENCRYPTION_KEY: "" });
    expect(log).toMatch(/TOTP_ENCRYPTION_KEY is required when DATABASE_URL is set/);
  }, PROCESS_TEST_TIMEOUT_MS);

  it("seals a plain secret at start; refuses to start under a key that opens none; re-seals from TOTP_ENCRYPTION_KEY_PREVIOUS", async () => {
    const current = totpKeyId(totpKeyring().current);
    expect(await startAndStop(appEnvFor(t.location))).toMatch(/second-factor secrets: 1 encrypted at rest for the first time/);
    const sealed = await storedSecret();
    expect(sealed.startsWith(`v1.${current}.`)).toBe(true);
    expect(sealed).not.toContain(plain);
    expect(openTotpSecret(sealed, userId, totpKeyring())).toBe(plain);

    // Now under a key the app is not given (a wrong or lost TOTP_ENCRYPTION_KEY).
    const otherKey = crypto.randomBytes(32);
    await withDatabase((db) => db.update(users).set({ totpSecret: sealTotpSecret(plain, userId, { current: otherKey, previous: [] }) }).where(eq(users.id, userId)));
    const log = await refusedStart(appEnvFor(t.location));
    expect(log).toMatch(new RegExp(`refusing to start: 1 staff second-factor secret\\(s\\) are encrypted with key id\\(s\\) ${totpKeyId(otherKey)}, but TOTP_ENCRYPTION_KEY is key ${current}`));
    expect(log).not.toContain(otherKey.toString("hex"));
    expect(log).not.toContain(process.env.TOTP_ENCRYPTION_KEY!);

    // A rotation: that key offered as the previous one, the start re-seals the secret under the configured key.
    expect(await startAndStop({ ...appEnvFor(t.location), TOTP_ENCRYPTION_KEY_PREVIOUS: otherKey.toString("hex") })).toMatch(/0 encrypted at rest for the first time, 1 re-encrypted with the current key/);
    const resealed = await storedSecret();
    expect(resealed.startsWith(`v1.${current}.`)).toBe(true);
    expect(openTotpSecret(resealed, userId, { current: totpKeyring().current, previous: [] })).toBe(plain);
  }, PROCESS_TEST_TIMEOUT_MS);
});
