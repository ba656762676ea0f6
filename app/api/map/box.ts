import { z } from "zod";
import { latitude, longitude } from "@/lib/http/input-fields";

/** `bbox=west,south,east,north` in degrees, as the map reports its bounds. */
export const bboxSchema = z
  .preprocess(
    (v) => (typeof v === "string" ? v.split(",").map((p) => p.trim()) : v),
    z.tuple([longitude, latitude, longitude, latitude], {
      error: (i) => (i.input === undefined ? "is required (west,south,east,north)" : "must be four numbers: west,south,east,north"),
    }),
  )
  .refine(([w, s, e, n]) => w < e && s < n, "west must be less than east and south less than north")
  .transform(([west, south, east, north]) => ({ west, south, east, north }));
