import { NextResponse } from "next/server";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { availableLocales } from "@/lib/i18n/locales";
import { localizedRequest } from "@/lib/registration/localized";
import { findByManageToken, ownerView, updateByOwner } from "@/lib/registration/manage";
import { manageRoute } from "@/lib/registration/manage-http";
import { registrationServices } from "@/lib/registration/runtime";

export const dynamic = "force-dynamic";

/** Public, by private link: the owner's registration. */
export const GET = manageRoute(async (_request, { db, principal }) => {
  const registration = await findByManageToken(db, principal.manageToken);
  if (!registration) throw new AppError("not_found", "unknown link");
  return NextResponse.json(await ownerView(db, registration), { headers: { "Cache-Control": "no-store" } });
});

/** Replace the owner's answers (contacts, address, cameras…) with the same schema as registration, messages in the owner's language. */
export const PUT = manageRoute(async (request, ctx) => {
  const { locale, schemas } = localizedRequest(request);
  const details = parseInput(schemas.details, await readJsonBody(request, env.REGISTRATION_MAX_BODY_BYTES));
  const result = await updateByOwner(
    { ...ctx, ...registrationServices(ctx.db) },
    { details, locale: details.language && availableLocales().includes(details.language) ? details.language : locale },
  );
  return NextResponse.json(result);
});
