"use server";

import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { actionActor, requestMeta } from "@/lib/auth/action-actor";
import { changeOwnPassword } from "@/lib/accounts/users";
import type { ActionState } from "@/components/admin/action-state";
import { beginEnrolmentForUser, completeEnrolmentForUser } from "@/lib/auth/mfa-enrolment";
import { requireStaffAction } from "@/lib/auth/require-staff-action";

export async function startAccountEnrolment() {
  const me = await requireStaffAction("detective", "/account");
  const start = await beginEnrolmentForUser(await getDb(), me.userId, `Sightline ${agencySettings().shortName}`);
  return start ? { ok: true as const, qrDataUrl: start.qrDataUrl, secret: start.secret } : { ok: false as const };
}

export async function finishAccountEnrolment(code: string) {
  const me = await requireStaffAction("detective", "/account");
  return completeEnrolmentForUser(await getDb(), me.userId, String(code).slice(0, 20), await requestMeta());
}

export async function changePasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  const me = await requireStaffAction("detective", "/account");
  const text = (name: string) => String(form.get(name) ?? "").slice(0, 1024);
  if (text("newPassword") !== text("confirmPassword")) return { errors: { confirmPassword: "does not match the new password" } };
  const result = await changeOwnPassword(await getDb(), await actionActor(me), me.userId, { currentPassword: text("currentPassword"), newPassword: text("newPassword") });
  if (!result.ok) return { errors: result.errors };
  return { ok: true, message: "Password changed. Your sessions have ended: sign in again with the new password." };
}
