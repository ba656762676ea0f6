import { z } from "zod";
import { MAX_FUTURE_MS, isoInstant, latitude, longitude, metres } from "@/lib/http/input-fields";
import { pageAfter, pageLimit } from "@/lib/investigation/result-page";
import { searchInclude } from "@/lib/investigation/search-include";

function buildNearQuerySchema(maxRadiusM: number) {
  return z.object({
    lat: latitude,
    lng: longitude,
    radius: metres(maxRadiusM),
    // "Now" is read when each request is parsed, so one schema serves every request.
    at: isoInstant.refine((d) => d.getTime() <= Date.now() + MAX_FUTURE_MS, "must not be in the future").optional(),
    include: searchInclude.optional(),
    limit: pageLimit.optional(),
    after: pageAfter.optional(),
  });
}

const schemas = new Map<number, ReturnType<typeof buildNearQuerySchema>>();

/**
 * GET /api/cameras/near?lat=&lng=&radius=&at=&include=contacts,cones&limit=100|all&after=<page.next>
 *
 * Built once per maximum radius and reused: zod compiles an object schema on its first parse, and
 * building (and compiling) it again for every radius query was ~2% of the app's CPU under `npm run loadtest`.
 */
export function nearQuerySchema(maxRadiusM: number) {
  let schema = schemas.get(maxRadiusM);
  if (!schema) {
    schema = buildNearQuerySchema(maxRadiusM);
    schemas.set(maxRadiusM, schema);
  }
  return schema;
}

export const NEAR_QUERY_KEYS = ["lat", "lng", "radius", "at", "include", "limit", "after"] as const;
