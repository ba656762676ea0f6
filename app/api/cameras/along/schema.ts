import { z } from "zod";
import { MAX_FUTURE_MS, isoInstant, lineString, metres } from "@/lib/http/input-fields";

/** POST /api/cameras/along { route: GeoJSON LineString, widthM, at?, include? } (width = full corridor width). */
export function alongBodySchema(maxWidthM: number, now: Date = new Date()) {
  return z.object(
    {
      route: lineString,
      widthM: metres(maxWidthM),
      at: isoInstant.refine((d) => d.getTime() <= now.getTime() + MAX_FUTURE_MS, "must not be in the future").optional(),
      include: z.enum(["contacts"], { error: 'the only value is "contacts"' }).optional(),
    },
    { error: "body must be a JSON object" },
  );
}
