import { NextResponse } from "next/server";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { setPinByOwner } from "@/lib/registration/manage";
import { manageRoute } from "@/lib/registration/manage-http";
import { localizedRequest } from "@/lib/registration/localized";

/** Public, by private link: the owner confirms or drags the map pin of their site. */
export const PUT = manageRoute(async (request, ctx) => {
  const pin = parseInput(localizedRequest(request).schemas.pin, await readJsonBody(request, 4096));
  return NextResponse.json(await setPinByOwner(ctx, pin));
});
