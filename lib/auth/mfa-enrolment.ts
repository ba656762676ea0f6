import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { recoveryCodes, users, type User } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { StaffContext } from "./mutation-context";
import type { AuthSettings } from "./auth-settings";
import { refusedBeforePasswordCheck } from "./credentials-sign-in";
import { checkPasswordInTx, type RequestMeta } from "./sign-in";
import type { SignInThrottle } from "./sign-in-throttle";
import { totpKeyring } from "./totp-key";
import { openTotpSecret, sealTotpSecret } from "./totp-secret-box";
import { acceptTotp, generateRecoveryCodes, hashRecoveryCode, newTotpSecret, totpQrDataUrl, totpUri } from "./totp";

export interface EnrolmentStart {
  secret: string;
  uri: string;
  qrDataUrl: string;
}

/** What an enrolment-starting server action hands the browser (no `uri`: the QR code and the secret are enough). */
export type EnrolmentOffer = { ok: true; qrDataUrl: string; secret: string } | { ok: false };

export type EnrolmentResult = { ok: true; recoveryCodes: string[] } | { ok: false; error: "invalid" | "wrong_code" | "not_started" };

function actorOf(user: User, meta: RequestMeta): AuditActor {
  return { userId: user.id, label: user.email, ip: meta.ip, userAgent: meta.userAgent };
}

/**
 * A new pending TOTP secret for the user. It only counts once a code from it
 * is confirmed (totp_enabled_at set); until then sign-in ignores it.
 */
async function beginFor(db: Db, user: User, issuer: string): Promise<EnrolmentStart> {
  const secret = newTotpSecret();
  // Stored sealed (AES-256-GCM, lib/auth/totp-secret-box.ts); shown in the clear only this once, to enrol.
  const sealed = sealTotpSecret(secret, user.id, totpKeyring());
  await db.update(users).set({ totpSecret: sealed, totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() }).where(eq(users.id, user.id));
  const uri = totpUri(secret, user.email, issuer);
  return { secret, uri, qrDataUrl: await totpQrDataUrl(uri) };
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function completeInTx(
  tx: Tx,
  user: User,
  code: string,
  actor: AuditActor,
  now: Date,
): Promise<EnrolmentResult> {
  if (!user.totpSecret) return { ok: false, error: "not_started" };
  const step = acceptTotp(openTotpSecret(user.totpSecret, user.id, totpKeyring()), code, now.getTime(), null);
  if (step === null) return { ok: false, error: "wrong_code" };
  const codes = generateRecoveryCodes();
  // The confirming code's step is spent: it cannot sign in again right after (a replay).
  await tx.update(users).set({ totpEnabledAt: now, totpLastStep: step, updatedAt: now }).where(eq(users.id, user.id));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })));
  await recordAudit(tx, actor, {
    action: "auth.mfa_enrolled",
    targetType: "user",
    targetId: user.id,
    details: { recoveryCodes: codes.length },
  });
  return { ok: true, recoveryCodes: codes };
}

/**
 * The password step of enrolment during sign-in is a password guess like any
 * other: it goes through the same per-address throttle (refused before any
 * hash when the address is over its budget; a wrong password counts against
 * it) and the same per-account lockout (checkPasswordInTx) as sign-in, or an
 * attacker could guess passwords here without limit.
 */
async function throttledPasswordCheck<T>(
  db: Db,
  email: string,
  password: string,
  extraFields: string[],
  meta: RequestMeta,
  settings: AuthSettings,
  throttle: SignInThrottle,
  now: Date,
  then: (tx: Tx, user: User) => Promise<T>,
): Promise<T | null> {
  if (await refusedBeforePasswordCheck(db, email, [email, password, ...extraFields], meta, throttle, "mfa_enrolment")) return null;
  const outcome = await db.transaction(async (tx) => {
    const user = await checkPasswordInTx(tx, email, password, meta, now, settings);
    // An account that already has a second factor cannot be re-enrolled by its password alone.
    if (!user || user.totpEnabledAt) return { passwordOk: !!user, value: null };
    return { passwordOk: true, value: await then(tx, user) };
  });
  if (!outcome.passwordOk) await throttle.recordFailure(meta.ip ?? null);
  return outcome.value;
}

/** During sign-in, for an account that must enrol first: e-mail + password prove who it is. */
export async function beginEnrolmentWithPassword(
  db: Db,
  email: string,
  password: string,
  meta: RequestMeta,
  settings: AuthSettings,
  throttle: SignInThrottle,
  issuer: string,
  now = new Date(),
): Promise<EnrolmentStart | null> {
  const user = await throttledPasswordCheck(db, email, password, [], meta, settings, throttle, now, async (_tx, u) => u);
  return user ? beginFor(db, user, issuer) : null;
}

export async function completeEnrolmentWithPassword(
  db: Db,
  email: string,
  password: string,
  code: string,
  meta: RequestMeta,
  settings: AuthSettings,
  throttle: SignInThrottle,
  now = new Date(),
): Promise<EnrolmentResult> {
  const result = await throttledPasswordCheck(db, email, password, [code], meta, settings, throttle, now, (tx, user) => completeInTx(tx, user, code, actorOf(user, meta), now));
  return result ?? { ok: false, error: "invalid" };
}

/**
 * For a signed-in user without a second factor (the account page): the
 * account is the principal's own, never one named in the input. An enrolled
 * factor is only replaced after an admin resets it, so a stolen session cannot.
 * (The two ...WithPassword functions above are sign-in steps: the e-mail and
 * password are the credential, there is no principal yet.)
 */
export async function beginEnrolmentForUser({ db, principal }: StaffContext, { issuer }: { issuer: string }): Promise<EnrolmentStart | null> {
  const [user] = await db.select().from(users).where(eq(users.id, principal.userId));
  return user && !user.disabledAt && !user.totpEnabledAt ? beginFor(db, user, issuer) : null;
}

export async function completeEnrolmentForUser({ db, principal, actor, now = new Date() }: StaffContext, { code }: { code: string }): Promise<EnrolmentResult> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, principal.userId)).for("update");
    if (!user || user.disabledAt || user.totpEnabledAt) return { ok: false, error: "invalid" } as const;
    return completeInTx(tx, user, code, actor, now);
  });
}
