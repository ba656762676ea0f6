import { NextResponse } from "next/server";
import { agencySettings } from "@/lib/agency/settings";
import { withRole } from "@/lib/auth/with-role";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/http/errors";
import { publicBaseUrl } from "@/lib/http/public-url";
import { sendReconfirmReminders } from "@/lib/registration/review";
import { registrationRuntime } from "@/lib/registration/runtime";

/** Supervisor: e-mail re-confirmation reminders to owners of stale registrations (needs SMTP). */
export const POST = withRole("supervisor", async (_request, { db, actor }) => {
  const { mailer } = registrationRuntime();
  if (!mailer) throw new AppError("conflict", "e-mail is not configured (SMTP_URL, SMTP_FROM)");
  const result = await sendReconfirmReminders(db, mailer, {
    actor,
    reconfirmAfterMonths: env.RECONFIRM_AFTER_MONTHS,
    baseUrl: publicBaseUrl(),
    agencyName: agencySettings().name,
  });
  return NextResponse.json(result);
});
