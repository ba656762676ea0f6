import { z } from "zod";
import { MAX_FUTURE_MS, isoInstant, latitude, longitude, metres } from "@/lib/http/input-fields";
import { pageAfter, pageLimit } from "@/lib/investigation/result-page";
import { searchInclude } from "@/lib/investigation/search-include";

/** GET /api/cameras/near?lat=&lng=&radius=&at=&include=contacts,cones&limit=100|all&after=<page.next> */
export function nearQuerySchema(maxRadiusM: number, now: Date = new Date()) {
  return z.object({
    lat: latitude,
    lng: longitude,
    radius: metres(maxRadiusM),
    at: isoInstant
      .refine((d) => d.getTime() <= now.getTime() + MAX_FUTURE_MS, "must not be in the future")
      .optional(),
    include: searchInclude.optional(),
    limit: pageLimit.optional(),
    after: pageAfter.optional(),
  });
}

export const NEAR_QUERY_KEYS = ["lat", "lng", "radius", "at", "include", "limit", "after"] as const;
