import { withRole } from "@/lib/auth/with-role";
import { agencySettings } from "@/lib/agency/settings";
import { AppError, requireUuid } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import { queryObject } from "@/lib/http/route-errors";
import { firstPage, nextPageUrl } from "@/lib/investigation/result-page";
import { viewIncidentSites } from "@/lib/investigation/view-incident-sites";
import { INCIDENT_SITES_QUERY_KEYS, incidentSitesQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

type Route = { params: Promise<{ id: string }> };

/** The registered sites in a saved incident's area at its time, ranked, as GeoJSON (one page: result-page.ts); audited as `incident.viewed`. */
export const GET = withRole<Route>("detective", async (request, { db, actor }, { params }) => {
  const id = requireUuid((await params).id, "no such incident");
  const { limit, after } = parseInput(incidentSitesQuerySchema, queryObject(request.url, INCIDENT_SITES_QUERY_KEYS));
  const collection = await viewIncidentSites(db, actor, id, {
    timeZone: agencySettings().timeZone,
    via: "GET /api/incidents/{id}/sites",
    page: { ...firstPage(limit), after },
  });
  if (!collection) throw new AppError("not_found", "no such incident");
  if (collection.page) collection.page.nextUrl = nextPageUrl(request.url, collection.page);
  return Response.json(collection, { headers: { "cache-control": "no-store" } });
});
