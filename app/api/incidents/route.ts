import { withRole } from "@/lib/auth/with-role";
import { agencySettings } from "@/lib/agency/settings";
import { recomputeWalkOrder } from "@/lib/canvass/walk-order-store";
import { createIncident, listIncidents } from "@/lib/investigation/incidents";
import { badRequest, fieldErrors } from "@/lib/investigation/input-fields";
import { databaseFailure, readJsonBody } from "@/lib/investigation/route-errors";
import { newIncidentSchema } from "./schema";

export const dynamic = "force-dynamic";

/** Save an incident with one canvass entry per active site in range. */
export const POST = withRole("detective", async (request, { db, actor }) => {
  const settings = agencySettings();
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const parsed = newIncidentSchema(settings.maxSearchRadiusM).safeParse(body.body);
  if (!parsed.success) return badRequest(fieldErrors(parsed.error));
  try {
    const created = await createIncident(db, actor, parsed.data, { timeZone: settings.timeZone });
    // Number the stops now so the incident page lists them in walking order. The incident is saved either way:
    // a failure here must not invite a retry that saves it twice, and the canvass plans the walk on first read.
    await recomputeWalkOrder(db, created.id, actor, { onlyIfMissing: true }).catch((err: unknown) => {
      console.error(`[incidents] planning the walk for ${created.id} failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    return Response.json(created, { status: 201, headers: { location: `/api/incidents/${created.id}` } });
  } catch (err) {
    return databaseFailure("saving the incident", err);
  }
});

export const GET = withRole("detective", async (_request, { db }) => {
  try {
    return Response.json({ incidents: await listIncidents(db) }, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return databaseFailure("listing incidents", err);
  }
});
