import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, users } from "@/db/schema";
import { parseEnv } from "@/lib/env.js";
import { authSettings, type AuthSettings } from "@/lib/auth/auth-settings";
import { authenticateStaff } from "@/lib/auth/sign-in";
import { beginEnrolmentWithPassword, completeEnrolmentWithPassword } from "@/lib/auth/mfa-enrolment";
import { totpCodeAt } from "@/lib/auth/totp";
import { createSignInThrottle } from "@/lib/auth/sign-in-throttle";
import { principalForApiToken } from "@/lib/auth/api-token";
import { principalForSessionClaims, purgeRevokedSessions } from "@/lib/auth/session-claims";
import { changeUserRole, createStaffUser, resetUserMfa, resetUserPassword, setUserDisabled, signOutEverywhere, unlockUser } from "@/lib/accounts/users";
import { issueApiToken, revokeApiToken } from "@/lib/accounts/api-tokens";
import { revokeAndAuditSignOut } from "@/lib/auth/sign-out-audit";
import { operatorContext } from "@/lib/auth/mutation-context";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createApiToken, createStaff, sessionCookieFor, TEST_PASSWORD } from "../support/factories";

const SECRET = process.env.NEXTAUTH_SECRET!;

const noThrottle = createSignInThrottle({ failuresPerHour: 0, store: "memory" });

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const MIN = 60_000;
const base = authSettings(parseEnv({}));
const noMfa: AuthSettings = { ...base, mfaRequired: false };
const withMfa: AuthSettings = { ...base, mfaRequired: true };
const meta = { ip: "203.0.113.7", userAgent: "vitest" };

async function auditActionsFor(userId: string): Promise<string[]> {
  const rows = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, userId)).orderBy(auditLog.id);
  return rows.map((r) => r.action);
}

describe(`staff sign-in (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("applies the password policy when creating accounts", async () => {
    const weak = await createStaffUser(operatorContext(t.db, "test"), { email: "weak@test.example", name: "W", role: "detective", password: "password1234" });
    expect(weak).toEqual({ ok: false, errors: { password: expect.stringMatching(/too common/) } });
    const short = await createStaffUser(operatorContext(t.db, "test"), { email: "weak@test.example", name: "W", role: "detective", password: "short" });
    expect(short.ok).toBe(false);
    const [{ n }] = (await t.db.execute(sql`select count(*)::int as n from users where email = 'weak@test.example'`)).rows as { n: number }[];
    expect(n).toBe(0);
    const dup = await createStaff(t.db, { role: "detective" });
    const again = await createStaffUser(operatorContext(t.db, "test"), { email: dup.email.toUpperCase(), name: "D", role: "detective", password: TEST_PASSWORD });
    expect(again).toEqual({ ok: false, errors: { email: expect.stringMatching(/already exists/) } });
  });

  it("signs in with the right password and answers the same for a wrong password and an unknown e-mail", async () => {
    const user = await createStaff(t.db, { role: "detective" });
    const ok = await authenticateStaff(t.db, { email: user.email.toUpperCase(), password: TEST_PASSWORD }, meta, noMfa);
    expect(ok.kind).toBe("ok");
    expect(await authenticateStaff(t.db, { email: user.email, password: "wrong-password-123" }, meta, noMfa)).toEqual({ kind: "invalid" });
    expect(await authenticateStaff(t.db, { email: "nobody@test.example", password: TEST_PASSWORD }, meta, noMfa)).toEqual({ kind: "invalid" });
    expect(await auditActionsFor(user.id)).toEqual(["user.created", "auth.signed_in", "auth.sign_in_failed"]);
    const [signIn] = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, user.id), eq(auditLog.action, "auth.signed_in")));
    expect(signIn).toMatchObject({ actorUserId: user.id, ip: "203.0.113.7", userAgent: "vitest", details: { method: "password" } });
    const [unknown] = await t.db.select().from(auditLog).where(eq(auditLog.actorLabel, "sign-in:nobody@test.example"));
    expect(unknown.details).toEqual({ reason: "unknown_account" });
  });

  it("locks an account after 5 failures in 15 minutes, for 15 minutes, and unlocks", async () => {
    const user = await createStaff(t.db, { role: "detective" });
    const t0 = new Date("2026-03-01T12:00:00Z");
    for (let i = 0; i < 5; i++) {
      const at = new Date(t0.getTime() + i * MIN);
      expect((await authenticateStaff(t.db, { email: user.email, password: `not-it-${i}-xxxxxx` }, meta, noMfa, at)).kind).toBe("invalid");
    }
    const [locked] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(locked.lockedUntil?.toISOString()).toBe(new Date(t0.getTime() + 4 * MIN + 15 * MIN).toISOString());
    // The right password is refused while locked, with the same answer as a wrong one.
    expect((await authenticateStaff(t.db, { email: user.email, password: TEST_PASSWORD }, meta, noMfa, new Date(t0.getTime() + 10 * MIN))).kind).toBe("invalid");
    // After the lock expires it works again.
    expect((await authenticateStaff(t.db, { email: user.email, password: TEST_PASSWORD }, meta, noMfa, new Date(t0.getTime() + 20 * MIN))).kind).toBe("ok");
    const actions = await auditActionsFor(user.id);
    expect(actions.filter((a) => a === "auth.locked_out")).toHaveLength(1);
    expect(actions.filter((a) => a === "auth.sign_in_failed")).toHaveLength(6);
    const [refused] = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, user.id), sql`${auditLog.details}->>'reason' = 'locked'`));
    expect(refused).toBeDefined();
  });

  it("does not lock for failures spread beyond the window, and an admin can unlock", async () => {
    const user = await createStaff(t.db, { role: "supervisor" });
    const t0 = new Date("2026-03-02T12:00:00Z");
    for (let i = 0; i < 5; i++) {
      await authenticateStaff(t.db, { email: user.email, password: "nope-nope-nope" }, meta, noMfa, new Date(t0.getTime() + i * 16 * MIN));
    }
    let [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row.lockedUntil).toBeNull();
    const lockAt = new Date(t0.getTime() + 200 * MIN);
    for (let i = 0; i < 5; i++) await authenticateStaff(t.db, { email: user.email, password: "nope-nope-nope" }, meta, noMfa, lockAt);
    [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row.lockedUntil).not.toBeNull();
    expect((await unlockUser(operatorContext(t.db, "test"), { userId: user.id })).ok).toBe(true);
    expect((await authenticateStaff(t.db, { email: user.email, password: TEST_PASSWORD }, meta, noMfa, lockAt)).kind).toBe("ok");
  });

  it("enrols a second factor, refuses a wrong or replayed code, and accepts each recovery code once", async () => {
    const user = await createStaff(t.db, { role: "detective" });
    const now = new Date("2026-03-03T09:00:10Z");
    const creds = { email: user.email, password: TEST_PASSWORD };
    expect((await authenticateStaff(t.db, creds, meta, withMfa, now)).kind).toBe("mfa_enrolment_required");
    expect(await beginEnrolmentWithPassword(t.db, user.email, "wrong-password-123", meta, withMfa, noThrottle, "Test PD", now)).toBeNull();
    const start = await beginEnrolmentWithPassword(t.db, user.email, TEST_PASSWORD, meta, withMfa, noThrottle, "Test PD", now);
    expect(start?.uri).toMatch(/^otpauth:\/\/totp\/Test%20PD:/);
    expect(start?.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const secret = start!.secret;
    // Not enrolled until confirmed: a pending secret does not count.
    expect((await authenticateStaff(t.db, creds, meta, withMfa, now)).kind).toBe("mfa_enrolment_required");
    const wrongCode = String((Number(totpCodeAt(secret, now.getTime())) + 1) % 1_000_000).padStart(6, "0");
    expect(await completeEnrolmentWithPassword(t.db, user.email, TEST_PASSWORD, wrongCode, meta, withMfa, noThrottle, now)).toEqual({ ok: false, error: "wrong_code" });
    const done = await completeEnrolmentWithPassword(t.db, user.email, TEST_PASSWORD, totpCodeAt(secret, now.getTime()), meta, withMfa, noThrottle, now);
    if (!done.ok) throw new Error(done.error);
    expect(done.recoveryCodes).toHaveLength(10);
    expect(new Set(done.recoveryCodes).size).toBe(10);

    const later = new Date(now.getTime() + 2 * MIN);
    expect((await authenticateStaff(t.db, creds, meta, withMfa, later)).kind).toBe("mfa_required");
    expect((await authenticateStaff(t.db, { ...creds, otp: "000000" === totpCodeAt(secret, later.getTime()) ? "111111" : "000000" }, meta, withMfa, later)).kind).toBe("mfa_invalid");
    const code = totpCodeAt(secret, later.getTime());
    expect(await authenticateStaff(t.db, { ...creds, otp: code }, meta, withMfa, later)).toMatchObject({ kind: "ok", method: "password+totp" });
    // The same code again, inside its validity window, is a replay.
    expect((await authenticateStaff(t.db, { ...creds, otp: code }, meta, withMfa, new Date(later.getTime() + 5000))).kind).toBe("mfa_invalid");

    const recovery = done.recoveryCodes[3];
    expect(await authenticateStaff(t.db, { ...creds, otp: recovery.toUpperCase() }, meta, withMfa, later)).toMatchObject({ kind: "ok", method: "password+recovery" });
    expect((await authenticateStaff(t.db, { ...creds, otp: recovery }, meta, withMfa, later)).kind).toBe("mfa_invalid");
    const actions = await auditActionsFor(user.id);
    expect(actions).toContain("auth.mfa_enrolled");
    expect(actions).toContain("auth.recovery_code_used");
    // A wrong second factor counts toward the lockout like a wrong password.
    const failures = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, user.id), eq(auditLog.action, "auth.sign_in_failed")));
    expect(failures.map((f) => f.details.reason).sort()).toEqual(["wrong_password", "wrong_recovery_code", "wrong_totp_code", "wrong_totp_code"]);
  });
});

describe("sessions", () => {
  it("ends on idle and absolute timeouts", async () => {
    const user = await createStaff(t.db, { role: "detective", mfa: true });
    const now = Date.now();
    const claims = { sub: user.id, sid: crypto.randomUUID(), sessionVersion: user.sessionVersion, authTimeMs: now - 60 * MIN, lastSeenMs: now - 5 * MIN };
    expect(await principalForSessionClaims(t.db, claims, withMfa, now)).toMatchObject({ userId: user.id, role: "detective", via: "session" });
    expect(await principalForSessionClaims(t.db, { ...claims, lastSeenMs: now - 31 * MIN }, withMfa, now)).toBeNull();
    expect(await principalForSessionClaims(t.db, { ...claims, authTimeMs: now - 12 * 60 * MIN - 1000, lastSeenMs: now }, withMfa, now)).toBeNull();
    expect(await principalForSessionClaims(t.db, { ...claims, ended: "idle" }, withMfa, now)).toBeNull();
    // Configurable: a 60-minute idle limit keeps the 31-minute-idle session.
    expect(await principalForSessionClaims(t.db, { ...claims, lastSeenMs: now - 31 * MIN }, { ...withMfa, idleTimeoutMs: 60 * MIN }, now)).not.toBeNull();
  });

  it("refuses a disabled user, and every session after a role change, password reset or sign-out everywhere", async () => {
    const admin = operatorContext(t.db, "test");
    for (const revoke of [
      (id: string) => setUserDisabled(admin, { userId: id, disabled: true }),
      (id: string) => changeUserRole(admin, { userId: id, role: "supervisor" }),
      (id: string) => resetUserPassword(admin, { userId: id }),
      (id: string) => signOutEverywhere(admin, { userId: id }),
    ]) {
      const user = await createStaff(t.db, { role: "detective", mfa: true });
      const now = Date.now();
      const claims = { sub: user.id, sid: crypto.randomUUID(), sessionVersion: user.sessionVersion, authTimeMs: now, lastSeenMs: now };
      expect(await principalForSessionClaims(t.db, claims, withMfa, now)).not.toBeNull();
      expect((await revoke(user.id)).ok).toBe(true);
      expect(await principalForSessionClaims(t.db, claims, withMfa, now)).toBeNull();
    }
  });

  it("sign-out revokes that session server side: a cookie copied before sign-out no longer works; other sessions do", async () => {
    const user = await createStaff(t.db, { role: "detective", mfa: true });
    const now = Date.now();
    const claims = { sub: user.id, sid: crypto.randomUUID(), sessionVersion: user.sessionVersion, authTimeMs: now, lastSeenMs: now };
    const other = { ...claims, sid: crypto.randomUUID() };
    const cookie = await sessionCookieFor(user, SECRET, claims);
    expect(await principalForSessionClaims(t.db, claims, withMfa, now)).not.toBeNull();
    await revokeAndAuditSignOut(t.db, new Request("http://x/api/auth/signout", { method: "POST", headers: { cookie } }), SECRET);
    expect(await principalForSessionClaims(t.db, claims, withMfa, now)).toBeNull();
    expect(await principalForSessionClaims(t.db, other, withMfa, now)).not.toBeNull();
    // A session without an id (issued before this change, or forged without one) is refused.
    expect(await principalForSessionClaims(t.db, { ...claims, sid: undefined }, withMfa, now)).toBeNull();
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, user.id), eq(auditLog.action, "auth.signed_out")));
    expect(audit.details).toMatchObject({ sessionRevoked: true });
    // The list does not grow for ever: entries past the session's absolute limit are purged.
    expect(await purgeRevokedSessions(t.db, new Date(now + 13 * 60 * MIN))).toBeGreaterThanOrEqual(1);
  });

  it("sign out everywhere, a password reset and a second-factor reset also revoke the user's API tokens", async () => {
    const admin = operatorContext(t.db, "test");
    for (const revoke of [
      (id: string) => signOutEverywhere(admin, { userId: id }),
      (id: string) => resetUserPassword(admin, { userId: id }),
      (id: string) => resetUserMfa(admin, { userId: id }),
    ]) {
      const user = await createStaff(t.db, { role: "detective", mfa: true });
      const token = user.token;
      expect(await principalForApiToken(t.db, token)).not.toBeNull();
      expect((await revoke(user.id)).ok).toBe(true);
      expect(await principalForApiToken(t.db, token)).toBeNull();
    }
  });

  it("requires an enrolled second factor for sessions where MFA is mandatory", async () => {
    const user = await createStaff(t.db, { role: "detective" });
    const now = Date.now();
    const claims = { sub: user.id, sid: crypto.randomUUID(), sessionVersion: user.sessionVersion, authTimeMs: now, lastSeenMs: now };
    expect(await principalForSessionClaims(t.db, claims, noMfa, now)).not.toBeNull();
    expect(await principalForSessionClaims(t.db, claims, withMfa, now)).toBeNull();
  });
});

describe("API tokens", () => {
  it("authenticate with the user's role until they expire or are revoked", async () => {
    const user = await createStaff(t.db, { role: "supervisor" });
    const token = user.token;
    expect(await principalForApiToken(t.db, token)).toMatchObject({ userId: user.id, role: "supervisor", via: "token" });
    expect(await principalForApiToken(t.db, token + "x")).toBeNull();
    expect(await principalForApiToken(t.db, "sl_" + "A".repeat(43))).toBeNull();

    const { token: expired } = await createApiToken(t.db, { user, days: 1, now: new Date(Date.now() - 2 * 86_400_000) });
    expect(await principalForApiToken(t.db, expired)).toBeNull();

    const [row] = (await t.db.execute(sql`select id from api_tokens where user_id = ${user.id} and revoked_at is null and expires_at > now()`)).rows as { id: string }[];
    expect((await revokeApiToken(operatorContext(t.db, "test"), { tokenId: row.id })).ok).toBe(true);
    expect(await principalForApiToken(t.db, token)).toBeNull();
    expect((await revokeApiToken(operatorContext(t.db, "test"), { tokenId: row.id })).ok).toBe(false);

    const { token: another } = await createApiToken(t.db, { user });
    await setUserDisabled(operatorContext(t.db, "test"), { userId: user.id, disabled: true });
    expect(await principalForApiToken(t.db, another)).toBeNull();
    const actions = (await t.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.targetType, "api_token"))).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(["api_token.issued", "api_token.revoked"]));
  });

  it("act as an admin only when the issuing admin said so explicitly; otherwise as a supervisor", async () => {
    const admin = await createStaff(t.db, { role: "admin" });
    const { token: plain } = await createApiToken(t.db, { user: admin, allowAdmin: false });
    const { token: explicit } = await createApiToken(t.db, { user: admin, allowAdmin: true });
    expect(await principalForApiToken(t.db, plain)).toMatchObject({ role: "supervisor" });
    expect(await principalForApiToken(t.db, explicit)).toMatchObject({ role: "admin" });
    const detective = await createStaff(t.db, { role: "detective" });
    const refused = await issueApiToken(operatorContext(t.db, "test"), { userId: detective.id, name: "x", days: 1, allowAdmin: true });
    expect(refused).toEqual({ ok: false, errors: { allowAdmin: expect.any(String) } });
    // Later tests expect no enabled admin.
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, admin.id));
  });

  it("stores only a hash of the token", async () => {
    const user = await createStaff(t.db, { role: "detective" });
    const token = user.token;
    const rows = (await t.db.execute(sql`select token_hash from api_tokens where user_id = ${user.id}`)).rows as { token_hash: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token.slice(3));
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("account administration", () => {
  it("keeps at least one enabled admin", async () => {
    const [{ n }] = (await t.db.execute(sql`select count(*)::int as n from users where role = 'admin' and disabled_at is null`)).rows as { n: number }[];
    expect(n).toBe(0);
    const only = await createStaff(t.db, { role: "admin" });
    expect(await setUserDisabled(operatorContext(t.db, "test"), { userId: only.id, disabled: true })).toEqual({ ok: false, errors: { disabled: expect.any(String) } });
    expect(await changeUserRole(operatorContext(t.db, "test"), { userId: only.id, role: "detective" })).toEqual({ ok: false, errors: { role: expect.any(String) } });
    await createStaff(t.db, { role: "admin" });
    expect((await changeUserRole(operatorContext(t.db, "test"), { userId: only.id, role: "detective" })).ok).toBe(true);
    expect(await changeUserRole(operatorContext(t.db, "test"), { userId: only.id, role: "chief" })).toEqual({ ok: false, errors: { role: expect.any(String) } });
  });

  it("refuses an account change from a staff principal below admin inside the mutation, whatever wrapper called it", async () => {
    const supervisor = await createStaff(t.db, { role: "supervisor" });
    const target = await createStaff(t.db, { role: "detective" });
    const asSupervisor = {
      db: t.db,
      actor: { userId: supervisor.id, label: supervisor.email },
      principal: { userId: supervisor.id, email: supervisor.email, name: supervisor.name, role: supervisor.role, via: "session" as const },
    };
    await expect(setUserDisabled(asSupervisor, { userId: target.id, disabled: true })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createStaffUser(asSupervisor, { email: "not-made@test.example", name: "N", role: "admin", password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(issueApiToken(asSupervisor, { userId: supervisor.id, name: "x", days: 1 })).rejects.toMatchObject({ code: "forbidden" });
    expect(await auditActionsFor(target.id)).toEqual(["user.created"]);
    const [made] = await t.db.select().from(users).where(eq(users.email, "not-made@test.example"));
    expect(made).toBeUndefined();
  });

  it("writes an audit row per change, and the rows cannot be changed or deleted", async () => {
    const user = await createStaff(t.db, { role: "detective" });
    await resetUserPassword(operatorContext(t.db, "test"), { userId: user.id, password: "too-short" });
    await resetUserPassword(operatorContext(t.db, "test"), { userId: user.id, password: "a-brand-new-passphrase" });
    expect(await auditActionsFor(user.id)).toEqual(["user.created", "user.password_reset"]);
    const [row] = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, user.id), eq(auditLog.action, "user.password_reset")));
    await expect(t.db.update(auditLog).set({ action: "x" }).where(eq(auditLog.id, row.id))).rejects.toThrow();
    await expect(t.db.delete(auditLog).where(eq(auditLog.id, row.id))).rejects.toThrow();
    await expect(t.db.execute(sql`delete from audit_log where action like 'auth.%'`)).rejects.toThrow();
    expect(await auditActionsFor(user.id)).toEqual(["user.created", "user.password_reset"]);
    expect((await authenticateStaff(t.db, { email: user.email, password: "a-brand-new-passphrase" }, meta, noMfa)).kind).toBe("ok");
  });
});
