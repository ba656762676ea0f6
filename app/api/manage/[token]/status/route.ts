import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/http/read-json-body";
import { reportChange } from "@/lib/registration/manage";
import { manageRoute } from "@/lib/registration/manage-http";
import { fieldErrors, statusChangeSchema } from "@/lib/registration/schema";

/** Public, by private link: report a change of status, as the reference form lists them. */
export const POST = manageRoute(async (request, { db, token, actor }) => {
  const body = await readJsonBody(request, 4096);
  if (!body.ok) return NextResponse.json({ error: body.error }, { status: body.status });
  const parsed = statusChangeSchema.safeParse(body.value);
  if (!parsed.success) return NextResponse.json({ errors: fieldErrors(parsed.error) }, { status: 422 });
  return NextResponse.json(await reportChange(db, token, parsed.data.change, { actor }));
});
