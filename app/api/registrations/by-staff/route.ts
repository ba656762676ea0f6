import { NextResponse } from "next/server";
import { agencySettings } from "@/lib/agency/settings";
import { withRole } from "@/lib/auth/with-role";
import { env } from "@/lib/env.js";
import { parseInput } from "@/lib/http/field-errors";
import { publicBaseUrl } from "@/lib/http/public-url";
import { readJsonBody } from "@/lib/http/read-json-body";
import { availableLocales } from "@/lib/i18n/locales";
import { manageLinkEmail, sendQuietly } from "@/lib/registration/mailer";
import { registrationRuntime, registrationServices } from "@/lib/registration/runtime";
import { registrationSchema } from "@/lib/registration/schema";
import { createByStaff } from "@/lib/registration/staff-edit";

export const dynamic = "force-dynamic";

/**
 * Staff (detective and up, whoever takes the call): register a system for a resident who phoned in.
 * The same answers and checks as the public form, geocoded the same way, stored with source "staff"
 * and audited under the staff member's name. The owner's management link is e-mailed to them when
 * e-mail is configured, and shown to staff to read out otherwise.
 */
export const POST = withRole("detective", async (request, ctx) => {
  const input = parseInput(registrationSchema, await readJsonBody(request, env.REGISTRATION_MAX_BODY_BYTES));
  const locale = input.language && availableLocales().includes(input.language) ? input.language : "en";
  const agency = agencySettings();
  const outcome = await createByStaff(
    { ...ctx, ...registrationServices(ctx.db), baseUrl: publicBaseUrl(), termsVersion: agency.termsVersion },
    { registration: input, locale },
  );
  const emailed = await sendQuietly(registrationRuntime().mailer, { to: input.owner.email, ...manageLinkEmail(agency.name, outcome.manageUrl, locale) });
  return NextResponse.json(
    {
      id: outcome.id,
      // Staff see what was stored, including a hold as a possible duplicate.
      status: outcome.storedStatus,
      duplicateOf: outcome.duplicateOf?.id ?? null,
      manageUrl: outcome.manageUrl,
      location: outcome.location,
      geocode: outcome.geocode,
      emailed,
    },
    { status: 201, headers: { location: `/registry/${outcome.id}` } },
  );
});
