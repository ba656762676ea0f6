import { NextResponse } from "next/server";
import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { readJsonBody } from "@/lib/canvass/read-json-body";
import { addContactAttempt } from "@/lib/canvass/update-entry";

type Params = { params: Promise<{ id: string }> };

/** POST /api/canvass-entries/{id}/attempts { contact, method, note?, at? } */
export const POST = withRole<Params>("detective", async (request, { db, principal, actor }, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return NextResponse.json({ error: "canvass entry not found" }, { status: 404 });
  const body = await readJsonBody(request);
  if (!body.ok) return NextResponse.json({ errors: body.errors }, { status: 422 });
  const result = await addContactAttempt(db, principal, actor, id, body.value);
  if (!result.ok) return NextResponse.json(result.errors ? { errors: result.errors } : { error: result.error }, { status: result.status });
  return NextResponse.json(result.value, { status: 201 });
});
