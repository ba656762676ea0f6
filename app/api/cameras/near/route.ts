import { withRole } from "@/lib/auth/with-role";
import { agencySettings } from "@/lib/agency/settings";
import { parseInput } from "@/lib/http/field-errors";
import { queryObject } from "@/lib/http/route-errors";
import { firstPage, nextPageUrl } from "@/lib/investigation/result-page";
import { runAuditedSearch } from "@/lib/investigation/run-search";
import { searchIncludes } from "@/lib/investigation/search-include";
import { NEAR_QUERY_KEYS, nearQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

/** Registered cameras within `radius` metres of a point, ranked, as GeoJSON: one page of them (result-page.ts). */
export const GET = withRole("detective", async (request, { db, actor }) => {
  const settings = agencySettings();
  const { lat, lng, radius, at, include, limit, after } = parseInput(nearQuerySchema(settings.maxSearchRadiusM), queryObject(request.url, NEAR_QUERY_KEYS));
  const searchAt = at ?? new Date();
  const collection = await runAuditedSearch(
    db,
    actor,
    {
      area: { kind: "point", lat, lng, radiusM: radius },
      at: searchAt,
      include: searchIncludes(include),
      via: "GET /api/cameras/near",
      page: { ...firstPage(limit), after },
    },
    settings.timeZone,
  );
  // The next page repeats the search's time: without `at` it would be a new "now", another search.
  if (collection.page) collection.page.nextUrl = nextPageUrl(request.url, collection.page, { at: searchAt.toISOString() });
  return Response.json(collection, { headers: { "cache-control": "no-store" } });
});
