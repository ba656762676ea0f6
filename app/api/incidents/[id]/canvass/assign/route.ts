import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { assignCanvassEntries } from "@/lib/canvass/assign";
import { requireUuid } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/read-json-body";

type Params = { params: Promise<{ id: string }> };

/** POST /api/incidents/{id}/canvass/assign { assigneeId, entryIds | blockFaceKey } (supervisor). */
export const POST = withRole<Params>("supervisor", async (request, ctx, { params }) => {
  const incidentId = requireUuid((await params).id, "incident not found");
  return NextResponse.json(await assignCanvassEntries(ctx, { incidentId, assignment: await readJsonBody(request) }));
});
