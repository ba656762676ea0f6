import { withRole } from "@/lib/auth/with-role";
import { agencySettings } from "@/lib/agency/settings";
import { parseInput } from "@/lib/http/field-errors";
import { queryObject } from "@/lib/http/route-errors";
import { runAuditedSearch } from "@/lib/investigation/run-search";
import { searchIncludes } from "@/lib/investigation/search-include";
import { NEAR_QUERY_KEYS, nearQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

/** Registered cameras within `radius` metres of a point, ranked, as GeoJSON. */
export const GET = withRole("detective", async (request, { db, actor }) => {
  const settings = agencySettings();
  const { lat, lng, radius, at, include } = parseInput(nearQuerySchema(settings.maxSearchRadiusM), queryObject(request.url, NEAR_QUERY_KEYS));
  const collection = await runAuditedSearch(
    db,
    actor,
    { area: { kind: "point", lat, lng, radiusM: radius }, at: at ?? new Date(), include: searchIncludes(include), via: "GET /api/cameras/near" },
    settings.timeZone,
  );
  return Response.json(collection, { headers: { "cache-control": "no-store" } });
});
