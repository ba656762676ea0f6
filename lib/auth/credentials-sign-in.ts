import "server-only";
import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { hasControlCharacters } from "@/lib/http/control-characters";
import type { AuthSettings } from "./auth-settings";
import { authenticateStaff, type RequestMeta, type SignInResult } from "./sign-in";
import type { SignInThrottle } from "./sign-in-throttle";
import { TotpSecretUnreadableError } from "./totp-secret-box";

export interface RawCredentials {
  email?: unknown;
  password?: unknown;
  otp?: unknown;
}

const text = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : "");
const printable = (v: string) => v.replace(/[\u0000-\u001f\u007f]/g, "?").slice(0, 200);

/**
 * The sign-in form's credentials, checked the way next-auth's `authorize`
 * needs: it never throws. Whatever goes wrong inside (a database error, a
 * malformed field) becomes the one generic refusal, audited, so no internals
 * (once, SQL text) reach the answer. Control characters are refused before
 * any query, and a client address over its refused-attempt budget is turned
 * away before any password is hashed or any account's lockout counter moves.
 */
export async function signInWithCredentials(
  db: Db,
  raw: RawCredentials,
  meta: RequestMeta,
  settings: AuthSettings,
  throttle: SignInThrottle,
  now = new Date(),
): Promise<SignInResult> {
  const email = text(raw.email, 320);
  const password = text(raw.password, 1024);
  const otp = text(raw.otp, 64);
  try {
    if (!email || !password) return { kind: "invalid" };
    if (await refusedBeforePasswordCheck(db, email, [email, password, otp], meta, throttle)) return { kind: "invalid" };
    const result = await authenticateStaff(db, { email, password, otp: otp || null }, meta, settings, now);
    if (result.kind === "invalid" || result.kind === "mfa_invalid") await throttle.recordFailure(meta.ip ?? null);
    return result;
  } catch (err) {
    console.error(`[auth] sign-in failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`);
    // A wrong TOTP_ENCRYPTION_KEY is the operator's to fix: say so in the log and the audit trail, never to the client.
    await auditRefusal(db, email, meta, err instanceof TotpSecretUnreadableError ? "totp_secret_unreadable" : "error");
    return { kind: "invalid" };
  }
}

async function auditRefusal(db: Db, email: string, meta: RequestMeta, reason: string, extra: Record<string, unknown> = {}): Promise<void> {
  await recordAudit(db, { userId: null, label: `sign-in:${printable(email)}`, ip: meta.ip, userAgent: meta.userAgent }, {
    action: "auth.sign_in_failed",
    details: { reason, ...extra },
  }).catch((err: Error) => console.error(`[auth] could not audit a refused sign-in: ${err.message}`));
}

/**
 * The gate in front of every password check (sign-in and the password step of
 * second-factor enrolment alike): a client address over its refused-attempt
 * budget, or a field with control characters, is refused and audited before
 * any password is hashed. true: refused, do not check the password.
 */
export async function refusedBeforePasswordCheck(
  db: Db,
  email: string,
  fields: string[],
  meta: RequestMeta,
  throttle: SignInThrottle,
  step?: string,
): Promise<boolean> {
  const where = step ? { step } : {};
  const retryAfterS = await throttle.retryAfterS(meta.ip ?? null);
  if (retryAfterS > 0) {
    await auditRefusal(db, email, meta, "throttled", { retryAfterS, ...where });
    return true;
  }
  if (fields.some(hasControlCharacters)) {
    await throttle.recordFailure(meta.ip ?? null);
    await auditRefusal(db, email, meta, "control_characters", where);
    return true;
  }
  return false;
}
