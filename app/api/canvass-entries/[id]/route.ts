import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { updateCanvassEntry } from "@/lib/canvass/update-entry";
import { requireUuid } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/read-json-body";

type Params = { params: Promise<{ id: string }> };

/** PATCH /api/canvass-entries/{id} { outcome?, clockOffset? | clockOffsetS?, notes?, footageNotes?, assignedTo? } */
export const PATCH = withRole<Params>("detective", async (request, ctx, { params }) => {
  const entryId = requireUuid((await params).id, "canvass entry not found");
  return NextResponse.json(await updateCanvassEntry(ctx, { entryId, patch: await readJsonBody(request) }));
});
