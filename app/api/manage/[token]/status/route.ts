import { NextResponse } from "next/server";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { reportChange } from "@/lib/registration/manage";
import { manageRoute } from "@/lib/registration/manage-http";
import { statusChangeSchema } from "@/lib/registration/schema";

/** Public, by private link: report a change of status, as the reference form lists them. */
export const POST = manageRoute(async (request, { db, token, actor }) => {
  const { change } = parseInput(statusChangeSchema, await readJsonBody(request, 4096));
  return NextResponse.json(await reportChange(db, token, change, { actor }));
});
