/**
 * Staff TOTP secrets encrypted at rest, through the code paths the app uses:
 * enrolment stores a sealed secret (not the base32 one the person scans),
 * sign-in with a code still works, plain secrets from before are sealed at
 * start (sealStoredTotpSecrets, run by lib/startup/prepare-database.ts), a
 * rotation re-seals under the new key, and a wrong key fails clearly.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { auditLog, users } from "@/db/schema";
import { parseEnv } from "@/lib/env.js";
import { authSettings, type AuthSettings } from "@/lib/auth/auth-settings";
import { signInWithCredentials } from "@/lib/auth/credentials-sign-in";
import { beginEnrolmentWithPassword, completeEnrolmentWithPassword } from "@/lib/auth/mfa-enrolment";
import { createSignInThrottle } from "@/lib/auth/sign-in-throttle";
import { newTotpSecret, totpCodeAt } from "@/lib/auth/totp";
import { totpKeyring } from "@/lib/auth/totp-key";
import { openTotpSecret, sealTotpSecret, totpKeyId } from "@/lib/auth/totp-secret-box";
import { sealStoredTotpSecrets, unreadableTotpMessage } from "@/lib/auth/totp-secret-migration";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createStaff, TEST_PASSWORD } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const settings: AuthSettings = { ...authSettings(parseEnv({})), mfaRequired: true };
const noThrottle = createSignInThrottle({ failuresPerHour: 0, store: "memory" });
const meta = { ip: "192.0.2.60", userAgent: "vitest" };

async function storedSecret(userId: string): Promise<string | null> {
  const [row] = await t.db.select({ s: users.totpSecret }).from(users).where(eq(users.id, userId));
  return row.s;
}

describe(`TOTP secrets at rest (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("enrolment stores a sealed secret, not the base32 one, and signing in with a code still works", async () => {
    const user = await createStaff(t.db, { role: "detective" });
    const at = new Date();
    const start = await beginEnrolmentWithPassword(t.db, user.email, TEST_PASSWORD, meta, settings, noThrottle, "Sightline", at);
    const stored = await storedSecret(user.id);
    expect(stored).not.toBeNull();
    expect(stored).not.toBe(start!.secret);
    expect(stored).not.toContain(start!.secret);
    expect(stored!.startsWith(`v1.${totpKeyId(totpKeyring().current)}.`)).toBe(true);
    const done = await completeEnrolmentWithPassword(t.db, user.email, TEST_PASSWORD, totpCodeAt(start!.secret, at.getTime()), meta, settings, noThrottle, at);
    expect(done.ok).toBe(true);
    const later = new Date(at.getTime() + 60_000);
    const signIn = await signInWithCredentials(t.db, { email: user.email, password: TEST_PASSWORD, otp: totpCodeAt(start!.secret, later.getTime()) }, meta, settings, noThrottle, later);
    expect(signIn).toMatchObject({ kind: "ok", method: "password+totp" });
  });

  it("seals a plain secret from before encryption at rest at start, and its owner still signs in", async () => {
    const user = await createStaff(t.db, { role: "supervisor" });
    const plain = newTotpSecret();
    await t.db.update(users).set({ totpSecret: plain, totpEnabledAt: new Date() }).where(eq(users.id, user.id));
    const at = new Date();
    // Readable before the start step runs (an instance of the previous version may still be serving)…
    expect((await signInWithCredentials(t.db, { email: user.email, password: TEST_PASSWORD, otp: totpCodeAt(plain, at.getTime()) }, meta, settings, noThrottle, at)).kind).toBe("ok");
    const report = await sealStoredTotpSecrets(t.db, totpKeyring());
    expect(report.sealed).toBeGreaterThanOrEqual(1);
    expect(report.unreadable).toEqual([]);
    const stored = await storedSecret(user.id);
    expect(stored).not.toContain(plain);
    expect(openTotpSecret(stored!, user.id, totpKeyring())).toBe(plain);
    const later = new Date(at.getTime() + 60_000);
    expect((await signInWithCredentials(t.db, { email: user.email, password: TEST_PASSWORD, otp: totpCodeAt(plain, later.getTime()) }, meta, settings, noThrottle, later)).kind).toBe("ok");
    const audited = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.totp_secrets_sealed"));
    expect(audited.at(-1)?.details).toMatchObject({ sealed: report.sealed });
    // Run again: nothing left to do, so nothing is rewritten.
    expect(await sealStoredTotpSecrets(t.db, totpKeyring())).toEqual({ sealed: 0, resealed: 0, unreadable: [] });
  });

  it("re-seals under the new key during a rotation (the old key as TOTP_ENCRYPTION_KEY_PREVIOUS)", async () => {
    const user = await createStaff(t.db, { role: "detective", mfa: true });
    const oldRing = totpKeyring();
    const plain = openTotpSecret((await storedSecret(user.id))!, user.id, oldRing);
    const newRing = { current: crypto.randomBytes(32), previous: [oldRing.current] };
    const report = await sealStoredTotpSecrets(t.db, newRing);
    expect(report.resealed).toBeGreaterThanOrEqual(1);
    const stored = (await storedSecret(user.id))!;
    expect(stored.startsWith(`v1.${totpKeyId(newRing.current)}.`)).toBe(true);
    expect(openTotpSecret(stored, user.id, { current: newRing.current, previous: [] })).toBe(plain);
    // Back under the configured key, so the rest of this file (and the app's key) read it.
    expect((await sealStoredTotpSecrets(t.db, { current: oldRing.current, previous: [newRing.current] })).unreadable).toEqual([]);
  });

  it("a wrong key fails clearly: sign-in refused and audited as unreadable, and the start step names the keys", async () => {
    const user = await createStaff(t.db, { role: "detective" });
    const otherKey = crypto.randomBytes(32);
    const plain = newTotpSecret();
    await t.db
      .update(users)
      .set({ totpSecret: sealTotpSecret(plain, user.id, { current: otherKey, previous: [] }), totpEnabledAt: new Date() })
      .where(eq(users.id, user.id));
    const at = new Date();
    const result = await signInWithCredentials(t.db, { email: user.email, password: TEST_PASSWORD, otp: totpCodeAt(plain, at.getTime()) }, meta, settings, noThrottle, at);
    expect(result).toEqual({ kind: "invalid" });
    const refused = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.sign_in_failed"), sql`${auditLog.details}->>'reason' = 'totp_secret_unreadable'`));
    expect(refused).toHaveLength(1);
    const report = await sealStoredTotpSecrets(t.db, totpKeyring());
    expect(report.unreadable).toEqual([{ userId: user.id, keyId: totpKeyId(otherKey) }]);
    expect(unreadableTotpMessage(report, totpKeyring())).toMatch(
      new RegExp(`1 staff second-factor secret\\(s\\) are encrypted with key id\\(s\\) ${totpKeyId(otherKey)}, but TOTP_ENCRYPTION_KEY is key ${totpKeyId(totpKeyring().current)}`),
    );
    // Left as it was (the right key may yet be configured), not overwritten.
    expect((await storedSecret(user.id))!.startsWith(`v1.${totpKeyId(otherKey)}.`)).toBe(true);
    await t.db.update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.id, user.id));
    const left = await t.db.select({ s: users.totpSecret }).from(users).where(isNotNull(users.totpSecret));
    expect(left.every((r) => r.s!.startsWith("v1."))).toBe(true);
  });
});
