import { NextResponse } from "next/server";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { availableLocales } from "@/lib/i18n/locales";
import { normalizeAddressKey } from "@/lib/registration/geocoder";
import { localizedRequest } from "@/lib/registration/localized";
import { findByManageToken, ownerView, updateByOwner } from "@/lib/registration/manage";
import { manageRoute } from "@/lib/registration/manage-http";
import { geocoderFor } from "@/lib/registration/runtime";

export const dynamic = "force-dynamic";

/** Public, by private link: the owner's registration. */
export const GET = manageRoute(async (_request, { db, token }) => {
  const registration = await findByManageToken(db, token);
  if (!registration) throw new AppError("not_found", "unknown link");
  return NextResponse.json(await ownerView(db, registration), { headers: { "Cache-Control": "no-store" } });
});

/** Replace the owner's answers (contacts, address, cameras…) with the same schema as registration, messages in the owner's language. */
export const PUT = manageRoute(async (request, { db, token, actor }) => {
  const { locale, schemas } = localizedRequest(request);
  const details = parseInput(schemas.details, await readJsonBody(request, env.REGISTRATION_MAX_BODY_BYTES));
  const result = await updateByOwner(db, token, details, {
    actor,
    geocoder: geocoderFor(db),
    normalizeAddressKey,
    geocodeTimeoutMs: env.REGISTRATION_GEOCODE_TIMEOUT_MS,
    locale: details.language && availableLocales().includes(details.language) ? details.language : locale,
  });
  return NextResponse.json(result);
});
