import { withRole } from "@/lib/auth/with-role";
import { agencySettings } from "@/lib/agency/settings";
import { recomputeWalkOrder } from "@/lib/canvass/walk-order-store";
import { createIncident, listIncidents } from "@/lib/investigation/incidents";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { listQuerySchema, newIncidentSchema } from "./schema";

export const dynamic = "force-dynamic";

/** Save an incident with one canvass entry per active site in range. */
export const POST = withRole("detective", async (request, ctx) => {
  const { db, actor } = ctx;
  const settings = agencySettings();
  const input = parseInput(newIncidentSchema(settings.maxSearchRadiusM), await readJsonBody(request));
  const created = await createIncident({ ...ctx, timeZone: settings.timeZone }, input);
  // Number the stops now so the incident page lists them in walking order. The incident is saved either way:
  // a failure here must not invite a retry that saves it twice, and the canvass plans the walk on first read.
  await recomputeWalkOrder(db, created.id, actor, { onlyIfMissing: true }).catch((err: unknown) => {
    console.error(`[incidents] planning the walk for ${created.id} failed: ${err instanceof Error ? err.message : String(err)}`);
  });
  return Response.json(created, { status: 201, headers: { location: `/api/incidents/${created.id}` } });
});

/** GET /api/incidents?status=open|closed|all (default all), newest first. */
export const GET = withRole("detective", async (request, { db }) => {
  const { status } = parseInput(listQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ incidents: await listIncidents(db, { status, timeZone: agencySettings().timeZone }) }, { headers: { "cache-control": "no-store" } });
});
