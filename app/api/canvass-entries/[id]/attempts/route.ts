import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { addContactAttempt } from "@/lib/canvass/update-entry";
import { requireUuid } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/read-json-body";

type Params = { params: Promise<{ id: string }> };

/** POST /api/canvass-entries/{id}/attempts { contact, method, note?, at? } */
export const POST = withRole<Params>("detective", async (request, ctx, { params }) => {
  const entryId = requireUuid((await params).id, "canvass entry not found");
  const attempt = await addContactAttempt(ctx, { entryId, attempt: await readJsonBody(request) });
  return NextResponse.json(attempt, { status: 201 });
});
