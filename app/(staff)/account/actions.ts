"use server";

import { agencySettings } from "@/lib/agency/settings";
import { changeOwnPassword } from "@/lib/accounts/users";
import { beginEnrolmentForUser, completeEnrolmentForUser, type EnrolmentOffer } from "@/lib/auth/mfa-enrolment";
import { formAnswer, staffAction, staffFormAction } from "@/lib/auth/staff-form-action";

const asStaff = { role: "detective", path: "/account" } as const;

/** Called by the account page's MFA panel with no form: staffAction is staffFormAction without the fields. */
export const startAccountEnrolment = staffAction(asStaff, async (ctx): Promise<EnrolmentOffer> => {
  const start = await beginEnrolmentForUser(ctx, { issuer: `Sightline ${agencySettings().shortName}` });
  return start ? { ok: true, qrDataUrl: start.qrDataUrl, secret: start.secret } : { ok: false };
});

export const finishAccountEnrolment = staffAction(asStaff, async (ctx, code: string) => completeEnrolmentForUser(ctx, { code: String(code).slice(0, 20) }));

/** Passwords are read to 1024 characters (argon2 hashes what it is given; nothing longer is a password). */
export const changePasswordAction = staffFormAction({ ...asStaff, maxFieldLength: 1024 }, async (ctx, text) => {
  if (text("newPassword") !== text("confirmPassword")) return { errors: { confirmPassword: "does not match the new password" } };
  return formAnswer(await changeOwnPassword(ctx, { currentPassword: text("currentPassword"), newPassword: text("newPassword") }), () => ({
    ok: true,
    message: "Password changed. Your sessions have ended: sign in again with the new password.",
  }));
});
