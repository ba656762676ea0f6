import type { NextRequest } from "next/server";
import { agencySettings } from "@/lib/agency/settings";
import { publicActor } from "@/lib/audit/record-audit";
import { env } from "@/lib/env.js";
import { clientAddress } from "@/lib/http/client-address";
import { publicBaseUrl } from "@/lib/http/public-url";
import { apiRoute, openDatabase } from "@/lib/http/route-errors";
import { normalizeAddressKey } from "@/lib/registration/geocoder";
import { postRegistration } from "@/lib/registration/post-registration";
import { geocoderFor, registrationRuntime } from "@/lib/registration/runtime";
import { withRole } from "@/lib/auth/with-role";
import { parseInput } from "@/lib/http/field-errors";
import { registrySearchSchema, searchRegistry } from "@/lib/registration/registry";

export const dynamic = "force-dynamic";

/** Public: register a camera system (the public registration API; README "Registration"). */
export const POST = apiRoute("POST /api/registrations", async (request: NextRequest) => {
  const db = await openDatabase();
  const runtime = registrationRuntime();
  const agency = agencySettings();
  return postRegistration(request, {
    db,
    geocoder: geocoderFor(db),
    normalizeAddressKey,
    limiter: runtime.registrationLimiter,
    mailer: runtime.mailer,
    actor: publicActor(clientAddress(request), request.headers.get("user-agent")),
    baseUrl: publicBaseUrl(),
    agencyName: agency.name,
    termsVersion: agency.termsVersion,
    maxBodyBytes: env.REGISTRATION_MAX_BODY_BYTES,
    minFillSeconds: env.REGISTRATION_MIN_FILL_SECONDS,
    geocodeTimeoutMs: env.REGISTRATION_GEOCODE_TIMEOUT_MS,
  });
});

/**
 * Staff: the registry, one page at a time (`?q=&status=&page=&pageSize=`). Addresses, status, cameras and
 * last confirmation only; contacts come from GET /api/registrations/{id}/contacts. Each search is audited.
 */
export const GET = withRole("detective", async (request, { db, actor }) => {
  const search = parseInput(registrySearchSchema, Object.fromEntries(new URL(request.url).searchParams));
  const answer = await searchRegistry(db, search, { actor, reconfirmAfterMonths: env.RECONFIRM_AFTER_MONTHS });
  return Response.json(answer, { headers: { "cache-control": "no-store" } });
});
