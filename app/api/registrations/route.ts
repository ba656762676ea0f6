import type { NextRequest } from "next/server";
import { getDb, resetDbAfterFatalError } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { publicActor } from "@/lib/audit/record-audit";
import { env } from "@/lib/env.js";
import { nearestClientAddress } from "@/lib/http/client-address";
import { requestBaseUrl } from "@/lib/http/read-json-body";
import { serviceUnavailable } from "@/lib/http/service-unavailable";
import { normalizeAddressKey } from "@/lib/registration/geocoder";
import { postRegistration } from "@/lib/registration/post-registration";
import { geocoderFor, registrationRuntime } from "@/lib/registration/runtime";

export const dynamic = "force-dynamic";

/** Public: register a camera system (the PRODUCT.md API contract). */
export async function POST(request: NextRequest) {
  try {
    const db = await getDb();
    const runtime = registrationRuntime();
    const agency = agencySettings();
    return await postRegistration(request, {
      db,
      geocoder: geocoderFor(db),
      normalizeAddressKey,
      limiter: runtime.registrationLimiter,
      mailer: runtime.mailer,
      actor: publicActor(nearestClientAddress(request), request.headers.get("user-agent")),
      baseUrl: requestBaseUrl(request, env.NEXTAUTH_URL),
      agencyName: agency.name,
      termsVersion: agency.termsVersion,
      maxBodyBytes: env.REGISTRATION_MAX_BODY_BYTES,
      minFillSeconds: env.REGISTRATION_MIN_FILL_SECONDS,
      geocodeTimeoutMs: env.REGISTRATION_GEOCODE_TIMEOUT_MS,
    });
  } catch (err) {
    console.error("[registrations] failed:", err);
    await resetDbAfterFatalError(err);
    return serviceUnavailable("the registration could not be saved; please try again");
  }
}
