import { NextResponse } from "next/server";
import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { assignCanvassEntries } from "@/lib/canvass/assign";
import { readJsonBody } from "@/lib/canvass/read-json-body";

type Params = { params: Promise<{ id: string }> };

/** POST /api/incidents/{id}/canvass/assign { assigneeId, entryIds | blockFaceKey } (supervisor). */
export const POST = withRole<Params>("supervisor", async (request, { db, principal, actor }, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return NextResponse.json({ error: "incident not found" }, { status: 404 });
  const body = await readJsonBody(request);
  if (!body.ok) return NextResponse.json({ errors: body.errors }, { status: 422 });
  const result = await assignCanvassEntries(db, principal, actor, id, body.value);
  if (!result.ok) return NextResponse.json(result.errors ? { errors: result.errors } : { error: result.error }, { status: result.status });
  return NextResponse.json(result.value);
});
