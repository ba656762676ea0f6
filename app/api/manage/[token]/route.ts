import { NextResponse } from "next/server";
import { env } from "@/lib/env.js";
import { readJsonBody } from "@/lib/http/read-json-body";
import { normalizeAddressKey } from "@/lib/registration/geocoder";
import { findByManageToken, ownerView, updateByOwner } from "@/lib/registration/manage";
import { manageRoute } from "@/lib/registration/manage-http";
import { geocoderFor } from "@/lib/registration/runtime";
import { fieldErrors, registrationDetailsSchema } from "@/lib/registration/schema";

export const dynamic = "force-dynamic";

/** Public, by private link: the owner's registration. */
export const GET = manageRoute(async (_request, { db, token }) => {
  const registration = await findByManageToken(db, token);
  if (!registration) return NextResponse.json({ error: "unknown link" }, { status: 404 });
  return NextResponse.json(await ownerView(db, registration), { headers: { "Cache-Control": "no-store" } });
});

/** Replace the owner's answers (contacts, address, cameras…) with the same schema as registration. */
export const PUT = manageRoute(async (request, { db, token, actor }) => {
  const body = await readJsonBody(request, env.REGISTRATION_MAX_BODY_BYTES);
  if (!body.ok) return NextResponse.json({ error: body.error }, { status: body.status });
  const parsed = registrationDetailsSchema.safeParse(body.value);
  if (!parsed.success) return NextResponse.json({ errors: fieldErrors(parsed.error) }, { status: 422 });
  const result = await updateByOwner(db, token, parsed.data, {
    actor,
    geocoder: geocoderFor(db),
    normalizeAddressKey,
    geocodeTimeoutMs: env.REGISTRATION_GEOCODE_TIMEOUT_MS,
  });
  return NextResponse.json(result);
});
