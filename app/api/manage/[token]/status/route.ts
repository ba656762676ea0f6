import { NextResponse } from "next/server";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { localizedRequest } from "@/lib/registration/localized";
import { reportChange } from "@/lib/registration/manage";
import { manageRoute } from "@/lib/registration/manage-http";

/** Public, by private link: report a change of status (the reference form's three, or "other" with a reason). */
export const POST = manageRoute(async (request, ctx) => {
  const { schemas } = localizedRequest(request);
  const report = parseInput(schemas.statusChange, await readJsonBody(request, 4096));
  return NextResponse.json(await reportChange(ctx, report));
});
