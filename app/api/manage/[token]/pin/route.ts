import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/http/read-json-body";
import { setPinByOwner } from "@/lib/registration/manage";
import { manageRoute } from "@/lib/registration/manage-http";
import { fieldErrors, pinSchema } from "@/lib/registration/schema";

/** Public, by private link: the owner confirms or drags the map pin of their site. */
export const PUT = manageRoute(async (request, { db, token, actor }) => {
  const body = await readJsonBody(request, 4096);
  if (!body.ok) return NextResponse.json({ error: body.error }, { status: body.status });
  const parsed = pinSchema.safeParse(body.value);
  if (!parsed.success) return NextResponse.json({ errors: fieldErrors(parsed.error) }, { status: 422 });
  return NextResponse.json(await setPinByOwner(db, token, parsed.data, { actor }));
});
