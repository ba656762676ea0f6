import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { recoveryCodes, users, type User } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { AuthSettings } from "./auth-settings";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { acceptTotp, hashRecoveryCode, looksLikeRecoveryCode } from "./totp";
import { totpKeyring } from "./totp-key";
import { openTotpSecret } from "./totp-secret-box";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * What a sign-in attempt came to. "invalid" covers unknown e-mail, wrong
 * password, disabled and locked accounts alike, so the answer never tells
 * whether an account exists.
 */
export type SignInResult =
  | { kind: "ok"; user: User; method: "password+totp" | "password+recovery" | "password" }
  | { kind: "invalid" }
  | { kind: "mfa_required" }
  | { kind: "mfa_invalid" }
  | { kind: "mfa_enrolment_required" };

/** The one message a person sees for every refused password, whatever the reason. */
export const GENERIC_SIGN_IN_ERROR = "The e-mail or password is wrong, or the account is locked for a while. Try again later or ask an admin.";

function actorFor(user: Pick<User, "id" | "email"> | null, email: string, meta: RequestMeta): AuditActor {
  return { userId: user?.id ?? null, label: user?.email ?? `sign-in:${email.slice(0, 200)}`, ip: meta.ip, userAgent: meta.userAgent };
}

async function lockUserRow(tx: Tx, email: string): Promise<User | null> {
  const rows = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .for("update")
    .limit(1);
  return rows[0] ?? null;
}

/** Count a failure in the rolling window; lock the account when it reaches the limit. */
async function recordFailure(tx: Tx, user: User, reason: string, meta: RequestMeta, now: Date, settings: AuthSettings) {
  const windowStart = now.getTime() - settings.lockoutWindowMs;
  const inWindow = user.lastFailedSignInAt && user.lastFailedSignInAt.getTime() >= windowStart ? user.failedSignIns : 0;
  const failures = inWindow + 1;
  const actor = actorFor(user, user.email, meta);
  await recordAudit(tx, actor, { action: "auth.sign_in_failed", targetType: "user", targetId: user.id, details: { reason, failures } });
  if (failures >= settings.lockoutMaxFailures) {
    const lockedUntil = new Date(now.getTime() + settings.lockoutDurationMs);
    await tx.update(users).set({ failedSignIns: 0, lastFailedSignInAt: now, lockedUntil }).where(eq(users.id, user.id));
    await recordAudit(tx, actor, {
      action: "auth.locked_out",
      targetType: "user",
      targetId: user.id,
      details: { failures, lockedUntil: lockedUntil.toISOString() },
    });
  } else {
    await tx.update(users).set({ failedSignIns: failures, lastFailedSignInAt: now }).where(eq(users.id, user.id));
  }
}

/**
 * Check e-mail + password under the lockout policy. Returns the user (row
 * locked for this transaction) or null after auditing the failure.
 */
export async function checkPasswordInTx(
  tx: Tx,
  email: string,
  password: string,
  meta: RequestMeta,
  now: Date,
  settings: AuthSettings,
): Promise<User | null> {
  const user = await lockUserRow(tx, email);
  if (!user) {
    await verifyAgainstDummy(password);
    await recordAudit(tx, actorFor(null, email, meta), { action: "auth.sign_in_failed", details: { reason: "unknown_account" } });
    return null;
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await verifyAgainstDummy(password);
    await recordAudit(tx, actorFor(user, email, meta), {
      action: "auth.sign_in_failed",
      targetType: "user",
      targetId: user.id,
      details: { reason: "locked", lockedUntil: user.lockedUntil.toISOString() },
    });
    return null;
  }
  const passwordOk = await verifyPassword(user.passwordHash, password);
  if (user.disabledAt) {
    await recordAudit(tx, actorFor(user, email, meta), {
      action: "auth.sign_in_failed",
      targetType: "user",
      targetId: user.id,
      details: { reason: "disabled" },
    });
    return null;
  }
  if (!passwordOk) {
    await recordFailure(tx, user, "wrong_password", meta, now, settings);
    return null;
  }
  return user;
}

export interface SignInInput {
  email: string;
  password: string;
  /** A 6-digit TOTP code or a recovery code. */
  otp?: string | null;
}

export async function authenticateStaff(
  db: Db,
  input: SignInInput,
  meta: RequestMeta,
  settings: AuthSettings,
  now = new Date(),
): Promise<SignInResult> {
  return db.transaction(async (tx): Promise<SignInResult> => {
    const user = await checkPasswordInTx(tx, input.email, input.password, meta, now, settings);
    if (!user) return { kind: "invalid" };
    const otp = input.otp?.trim();
    let method: "password+totp" | "password+recovery" | "password" = "password";
    if (user.totpEnabledAt && user.totpSecret) {
      if (!otp) return { kind: "mfa_required" };
      if (looksLikeRecoveryCode(otp)) {
        const spent = await tx
          .update(recoveryCodes)
          .set({ usedAt: now })
          .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, hashRecoveryCode(otp)), isNull(recoveryCodes.usedAt)))
          .returning({ id: recoveryCodes.id });
        if (spent.length === 0) {
          await recordFailure(tx, user, "wrong_recovery_code", meta, now, settings);
          return { kind: "mfa_invalid" };
        }
        await recordAudit(tx, actorFor(user, user.email, meta), {
          action: "auth.recovery_code_used",
          targetType: "user",
          targetId: user.id,
          details: { recoveryCodeId: spent[0].id },
        });
        method = "password+recovery";
      } else {
        // Throws TotpSecretUnreadableError (a wrong TOTP_ENCRYPTION_KEY): the caller logs it and refuses.
        const secret = openTotpSecret(user.totpSecret, user.id, totpKeyring());
        const step = acceptTotp(secret, otp, now.getTime(), user.totpLastStep);
        if (step === null) {
          await recordFailure(tx, user, "wrong_totp_code", meta, now, settings);
          return { kind: "mfa_invalid" };
        }
        await tx.update(users).set({ totpLastStep: step }).where(eq(users.id, user.id));
        method = "password+totp";
      }
    } else if (settings.mfaRequired) {
      return { kind: "mfa_enrolment_required" };
    }
    await tx.update(users).set({ failedSignIns: 0, lastFailedSignInAt: null, lockedUntil: null }).where(eq(users.id, user.id));
    await recordAudit(tx, actorFor(user, user.email, meta), {
      action: "auth.signed_in",
      targetType: "user",
      targetId: user.id,
      details: { method },
    });
    return { kind: "ok", user, method };
  });
}
