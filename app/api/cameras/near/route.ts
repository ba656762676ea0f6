import { withRole } from "@/lib/auth/with-role";
import { agencySettings } from "@/lib/agency/settings";
import { badRequest, fieldErrors } from "@/lib/investigation/input-fields";
import { runAuditedSearch } from "@/lib/investigation/run-search";
import { databaseFailure, queryObject } from "@/lib/investigation/route-errors";
import { NEAR_QUERY_KEYS, nearQuerySchema } from "./schema";

export const dynamic = "force-dynamic";

/** Registered cameras within `radius` metres of a point, ranked, as GeoJSON. */
export const GET = withRole("detective", async (request, { db, actor }) => {
  const settings = agencySettings();
  const parsed = nearQuerySchema(settings.maxSearchRadiusM).safeParse(queryObject(request.url, NEAR_QUERY_KEYS));
  if (!parsed.success) return badRequest(fieldErrors(parsed.error));
  const { lat, lng, radius, at, include } = parsed.data;
  try {
    const collection = await runAuditedSearch(
      db,
      actor,
      { area: { kind: "point", lat, lng, radiusM: radius }, at: at ?? new Date(), includeContacts: include === "contacts", via: "GET /api/cameras/near" },
      settings.timeZone,
    );
    return Response.json(collection, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return databaseFailure("the camera search", err);
  }
});
