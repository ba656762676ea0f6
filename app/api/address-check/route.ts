import type { NextRequest } from "next/server";
import { env } from "@/lib/env.js";
import { clientAddress } from "@/lib/http/client-address";
import { apiRoute, openDatabase } from "@/lib/http/route-errors";
import { checkAddress } from "@/lib/registration/address-check";
import { geocoderFor, registrationRuntime } from "@/lib/registration/runtime";

export const dynamic = "force-dynamic";

/** Public: the registration form's address check (lib/registration/address-check.ts). Rate limited per client address. */
export const POST = apiRoute("POST /api/address-check", async (request: NextRequest) =>
  checkAddress(request, {
    geocoder: geocoderFor(await openDatabase()),
    limiter: registrationRuntime().addressCheckLimiter,
    clientIp: clientAddress(request),
    geocodeTimeoutMs: env.REGISTRATION_GEOCODE_TIMEOUT_MS,
  }),
);
