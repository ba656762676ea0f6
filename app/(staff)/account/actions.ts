"use server";

import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { requestMeta } from "@/lib/auth/action-actor";
import { changeOwnPassword } from "@/lib/accounts/users";
import { beginEnrolmentForUser, completeEnrolmentForUser } from "@/lib/auth/mfa-enrolment";
import { requireStaffAction } from "@/lib/auth/require-staff-action";
import { formAnswer, staffFormAction } from "@/lib/auth/staff-form-action";

export async function startAccountEnrolment() {
  const me = await requireStaffAction("detective", "/account");
  const start = await beginEnrolmentForUser(await getDb(), me.userId, `Sightline ${agencySettings().shortName}`);
  return start ? { ok: true as const, qrDataUrl: start.qrDataUrl, secret: start.secret } : { ok: false as const };
}

export async function finishAccountEnrolment(code: string) {
  const me = await requireStaffAction("detective", "/account");
  return completeEnrolmentForUser(await getDb(), me.userId, String(code).slice(0, 20), await requestMeta());
}

/** Passwords are read to 1024 characters (argon2 hashes what it is given; nothing longer is a password). */
export const changePasswordAction = staffFormAction({ role: "detective", path: "/account", maxFieldLength: 1024 }, async ({ db, actor, principal }, text) => {
  if (text("newPassword") !== text("confirmPassword")) return { errors: { confirmPassword: "does not match the new password" } };
  return formAnswer(await changeOwnPassword(db, actor, principal.userId, { currentPassword: text("currentPassword"), newPassword: text("newPassword") }), () => ({
    ok: true,
    message: "Password changed. Your sessions have ended: sign in again with the new password.",
  }));
});
