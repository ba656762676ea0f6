import { withRole } from "@/lib/auth/with-role";
import { agencySettings } from "@/lib/agency/settings";
import { AppError, requireUuid } from "@/lib/http/errors";
import { viewIncidentSites } from "@/lib/investigation/view-incident-sites";

export const dynamic = "force-dynamic";

type Route = { params: Promise<{ id: string }> };

/** The registered sites in a saved incident's area at its time, ranked, as GeoJSON; audited as `incident.viewed`. */
export const GET = withRole<Route>("detective", async (_request, { db, actor }, { params }) => {
  const id = requireUuid((await params).id, "no such incident");
  const collection = await viewIncidentSites(db, actor, id, { timeZone: agencySettings().timeZone, via: "GET /api/incidents/{id}/sites" });
  if (!collection) throw new AppError("not_found", "no such incident");
  return Response.json(collection, { headers: { "cache-control": "no-store" } });
});
