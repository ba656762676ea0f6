import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { assignCanvassEntries } from "@/lib/canvass/assign";
import { requireUuid } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/read-json-body";

type Params = { params: Promise<{ id: string }> };

/** POST /api/incidents/{id}/canvass/assign { assigneeId, entryIds | blockFaceKey } (supervisor). */
export const POST = withRole<Params>("supervisor", async (request, { db, principal, actor }, { params }) => {
  const id = requireUuid((await params).id, "incident not found");
  return NextResponse.json(await assignCanvassEntries(db, principal, actor, id, await readJsonBody(request)));
});
