import { z } from "zod";
import { MAX_FUTURE_MS, isoInstant, lineString, metres } from "@/lib/http/input-fields";
import { pageAfter, pageLimitValue } from "@/lib/investigation/result-page";
import { searchInclude } from "@/lib/investigation/search-include";

/**
 * POST /api/cameras/along { route: GeoJSON LineString, widthM, at?, include?: "contacts,cones", limit?: 100 | "all", after?: page.next }
 * (width = full corridor width; include may be in the query string instead). A following page posts the same body with `after` (and the answer's `search.at`).
 */
export function alongBodySchema(maxWidthM: number, now: Date = new Date()) {
  return z.object(
    {
      route: lineString,
      widthM: metres(maxWidthM),
      at: isoInstant.refine((d) => d.getTime() <= now.getTime() + MAX_FUTURE_MS, "must not be in the future").optional(),
      include: searchInclude.optional(),
      limit: pageLimitValue.optional(),
      after: pageAfter.optional(),
    },
    { error: "body must be a JSON object" },
  );
}
