/**
 * The sign-in form's credentials as next-auth's authorize receives them
 * (lib/auth/credentials-sign-in.ts): control characters refused and audited,
 * any internal failure answered with the generic refusal (never thrown, never
 * SQL text), per-client-address throttling before any password is hashed,
 * and the code that confirms TOTP enrolment spent so it cannot sign in again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, users } from "@/db/schema";
import { parseEnv } from "@/lib/env.js";
import { authSettings, type AuthSettings } from "@/lib/auth/auth-settings";
import { signInWithCredentials } from "@/lib/auth/credentials-sign-in";
import { createSignInThrottle } from "@/lib/auth/sign-in-throttle";
import { beginEnrolmentWithPassword, completeEnrolmentWithPassword } from "@/lib/auth/mfa-enrolment";
import { totpCodeAt } from "@/lib/auth/totp";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createStaff, TEST_PASSWORD } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const settings: AuthSettings = { ...authSettings(parseEnv({})), mfaRequired: false };
const noThrottle = createSignInThrottle({ failuresPerHour: 0, store: "memory" });
const meta = (ip: string) => ({ ip, userAgent: "vitest" });

async function refusals(reason: string) {
  return t.db.select().from(auditLog).where(and(eq(auditLog.action, "auth.sign_in_failed"), sql`${auditLog.details}->>'reason' = ${reason}`));
}

describe(`sign-in hardening (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("refuses control characters in any field with the generic answer, before any query, and audits it", async () => {
    const user = await createStaff(t.db, { role: "detective" });
    for (const [i, raw] of [
      { email: `${user.email}\u0000' or 1=1 --`, password: TEST_PASSWORD },
      { email: user.email, password: `${TEST_PASSWORD}\u0000` },
      { email: user.email, password: TEST_PASSWORD, otp: "123\u0007456" },
    ].entries()) {
      expect([i, await signInWithCredentials(t.db, raw, meta("198.51.100.1"), settings, noThrottle)]).toEqual([i, { kind: "invalid" }]);
    }
    const audited = await refusals("control_characters");
    expect(audited).toHaveLength(3);
    expect(audited[0].actorLabel).not.toMatch(/\u0000/);
    // The account's lockout counter did not move: nothing reached the password check.
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row.failedSignIns).toBe(0);
  });

  it("answers the generic refusal, not an error, when the database fails underneath", async () => {
    const broken = await createTestDatabase();
    await broken.close();
    const result = await signInWithCredentials(broken.db, { email: "someone@test.example", password: TEST_PASSWORD }, meta("198.51.100.2"), settings, noThrottle);
    expect(result).toEqual({ kind: "invalid" });
  });

  it("throttles a client address after its refused attempts, before checking any password, and not other addresses", async () => {
    const throttle = createSignInThrottle({ failuresPerHour: 3, store: "memory", keyPrefix: `t${Date.now()}` });
    const victim = await createStaff(t.db, { role: "detective" });
    const attacker = meta("203.0.113.66");
    for (let i = 0; i < 3; i++) {
      expect(await signInWithCredentials(t.db, { email: victim.email, password: `wrong-guess-${i}-abcdef` }, attacker, settings, throttle)).toEqual({ kind: "invalid" });
    }
    const [afterGuesses] = await t.db.select().from(users).where(eq(users.id, victim.id));
    expect(afterGuesses.failedSignIns).toBe(3);
    // The right password from the throttled address is refused too, and the victim's counter stays put.
    expect(await signInWithCredentials(t.db, { email: victim.email, password: TEST_PASSWORD }, attacker, settings, throttle)).toEqual({ kind: "invalid" });
    for (let i = 0; i < 5; i++) await signInWithCredentials(t.db, { email: victim.email, password: `more-guesses-${i}-abc` }, attacker, settings, throttle);
    const [afterThrottle] = await t.db.select().from(users).where(eq(users.id, victim.id));
    expect(afterThrottle.failedSignIns).toBe(3);
    expect(afterThrottle.lockedUntil).toBeNull();
    expect((await refusals("throttled")).length).toBe(6);
    // The victim, from their own address, still signs in.
    expect((await signInWithCredentials(t.db, { email: victim.email, password: TEST_PASSWORD }, meta("192.0.2.10"), settings, throttle)).kind).toBe("ok");
  });

  it("counts wrong passwords at the enrolment step against the same address throttle and account lockout as sign-in", async () => {
    const throttle = createSignInThrottle({ failuresPerHour: 3, store: "memory", keyPrefix: `e${Date.now()}` });
    const victim = await createStaff(t.db, { role: "detective" });
    const attacker = meta("203.0.113.77");
    const at = new Date();
    // Two guesses through "start enrolment", one through "finish enrolment", then one at sign-in: the fourth is over the budget.
    expect(await beginEnrolmentWithPassword(t.db, victim.email, "wrong-guess-1-abcdef", attacker, settings, throttle, "Sightline", at)).toBeNull();
    expect(await beginEnrolmentWithPassword(t.db, victim.email, "wrong-guess-2-abcdef", attacker, settings, throttle, "Sightline", at)).toBeNull();
    expect(await completeEnrolmentWithPassword(t.db, victim.email, "wrong-guess-3-abcdef", "123456", attacker, settings, throttle, at)).toEqual({ ok: false, error: "invalid" });
    const [afterGuesses] = await t.db.select().from(users).where(eq(users.id, victim.id));
    expect(afterGuesses.failedSignIns).toBe(3);
    expect(await signInWithCredentials(t.db, { email: victim.email, password: TEST_PASSWORD }, attacker, settings, throttle, at)).toEqual({ kind: "invalid" });
    // Throttled at the enrolment step too, even with the right password, before any hash: the account's counter stays put.
    expect(await beginEnrolmentWithPassword(t.db, victim.email, TEST_PASSWORD, attacker, settings, throttle, "Sightline", at)).toBeNull();
    expect(await beginEnrolmentWithPassword(t.db, victim.email, "wrong-guess-4-abcdef", attacker, settings, throttle, "Sightline", at)).toBeNull();
    const [afterThrottle] = await t.db.select().from(users).where(eq(users.id, victim.id));
    expect(afterThrottle.failedSignIns).toBe(3);
    expect(afterThrottle.totpSecret).toBeNull();
    const throttled = (await refusals("throttled")).filter((r) => (r.details as { step?: string }).step === "mfa_enrolment");
    expect(throttled.length).toBe(2);
    // Control characters in the enrolment step are refused like at sign-in.
    expect(await beginEnrolmentWithPassword(t.db, victim.email, `${TEST_PASSWORD}\u0000`, meta("192.0.2.40"), settings, noThrottle, "Sightline", at)).toBeNull();
    // From another address the owner still enrols.
    expect(await beginEnrolmentWithPassword(t.db, victim.email, TEST_PASSWORD, meta("192.0.2.41"), settings, throttle, "Sightline", at)).not.toBeNull();
  });

  it("does not accept the code that confirmed TOTP enrolment for a sign-in (replay)", async () => {
    const user = await createStaff(t.db, { role: "detective" });
    const at = new Date();
    const start = await beginEnrolmentWithPassword(t.db, user.email, TEST_PASSWORD, meta("192.0.2.11"), settings, noThrottle, "Sightline", at);
    expect(start).not.toBeNull();
    const code = totpCodeAt(start!.secret, at.getTime());
    expect((await completeEnrolmentWithPassword(t.db, user.email, TEST_PASSWORD, code, meta("192.0.2.11"), settings, noThrottle, at)).ok).toBe(true);
    const replay = await signInWithCredentials(t.db, { email: user.email, password: TEST_PASSWORD, otp: code }, meta("192.0.2.11"), settings, noThrottle, at);
    expect(replay).toEqual({ kind: "mfa_invalid" });
    const next = new Date(at.getTime() + 30_000);
    const fresh = await signInWithCredentials(t.db, { email: user.email, password: TEST_PASSWORD, otp: totpCodeAt(start!.secret, next.getTime()) }, meta("192.0.2.11"), settings, noThrottle, next);
    expect(fresh.kind).toBe("ok");
  });
});
