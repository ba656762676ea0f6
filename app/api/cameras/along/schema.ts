import { z } from "zod";
import { MAX_FUTURE_MS, isoInstant, lineString, metres } from "@/lib/http/input-fields";
import { searchInclude } from "@/lib/investigation/search-include";

/** POST /api/cameras/along { route: GeoJSON LineString, widthM, at?, include?: "contacts,cones" } (width = full corridor width; include may be in the query string instead). */
export function alongBodySchema(maxWidthM: number, now: Date = new Date()) {
  return z.object(
    {
      route: lineString,
      widthM: metres(maxWidthM),
      at: isoInstant.refine((d) => d.getTime() <= now.getTime() + MAX_FUTURE_MS, "must not be in the future").optional(),
      include: searchInclude.optional(),
    },
    { error: "body must be a JSON object" },
  );
}
