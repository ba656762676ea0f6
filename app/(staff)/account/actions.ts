"use server";

import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { requestMeta } from "@/lib/auth/action-actor";
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
