import { withRole } from "@/lib/auth/with-role";
import { agencySettings } from "@/lib/agency/settings";
import { AppError, requireUuid } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { readIncident } from "@/lib/investigation/incidents";
import { updateIncident } from "@/lib/investigation/incident-lifecycle";
import { incidentPatchSchema } from "./schema";

export const dynamic = "force-dynamic";

type Route = { params: Promise<{ id: string }> };

export const GET = withRole<Route>("detective", async (_request, { db }, { params }) => {
  const id = requireUuid((await params).id, "no such incident");
  const incident = await readIncident(db, id, { timeZone: agencySettings().timeZone });
  if (!incident) throw new AppError("not_found", "no such incident");
  return Response.json(incident, { headers: { "cache-control": "no-store" } });
});

/** Edit, close or reopen: detectives their own incidents, supervisors any; status changes need a supervisor. */
export const PATCH = withRole<Route>("detective", async (request, ctx, { params }) => {
  const id = requireUuid((await params).id, "no such incident");
  const patch = parseInput(incidentPatchSchema, await readJsonBody(request));
  const { changes } = await updateIncident(ctx, { id, patch });
  const incident = await readIncident(ctx.db, id, { timeZone: agencySettings().timeZone });
  return Response.json({ ...incident, changes }, { headers: { "cache-control": "no-store" } });
});
