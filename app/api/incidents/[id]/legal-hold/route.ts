import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { clearLegalHold, setLegalHold } from "@/lib/evidence/retention";
import { requireUuid } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/read-json-body";

type Params = { params: Promise<{ id: string }> };

/** PUT /api/incidents/{id}/legal-hold { reason } → 200 { incidentId, reason, setAt }: the retention purge leaves the incident's evidence alone. Audited. */
export const PUT = withRole<Params>("supervisor", async (request, ctx, { params }) => {
  const incidentId = requireUuid((await params).id, "incident not found");
  const hold = await setLegalHold(ctx, { incidentId, hold: await readJsonBody(request) });
  return NextResponse.json({ incidentId: hold.incidentId, reason: hold.reason, setAt: hold.setAt });
});

/** DELETE /api/incidents/{id}/legal-hold { reason } → 204: retention applies again. Audited with the reason. */
export const DELETE = withRole<Params>("supervisor", async (request, ctx, { params }) => {
  const incidentId = requireUuid((await params).id, "incident not found");
  await clearLegalHold(ctx, { incidentId, hold: await readJsonBody(request) });
  return new Response(null, { status: 204 });
});
