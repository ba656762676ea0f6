import { z } from "zod";
import { parseInput } from "@/lib/http/field-errors";
import { apiRoute, openDatabase, queryObject } from "@/lib/http/route-errors";
import { streetsInBox } from "@/lib/investigation/map-layers";
import { bboxSchema } from "../map/box";

export const dynamic = "force-dynamic";

/** About 5 km: wider than any map a resident places a pin on, too narrow to page out a county in a few requests. */
const MAX_SPAN_DEG = 0.05;

/**
 * Public: the street centerlines around the resident's pin, so the registration
 * and management maps read without any tile server. Centerlines are public
 * reference data (TIGER/Line, the county's own); nothing about registrations is in them.
 */
export const GET = apiRoute("GET /api/streets", async (request: Request) => {
  const { bbox } = parseInput(
    z.object({
      bbox: bboxSchema.refine((b) => b.east - b.west <= MAX_SPAN_DEG && b.north - b.south <= MAX_SPAN_DEG, `may span at most ${MAX_SPAN_DEG}° each way`),
    }),
    queryObject(request.url, ["bbox"]),
  );
  const { features, truncated } = await streetsInBox(await openDatabase(), bbox);
  return Response.json({ type: "FeatureCollection", features, truncated }, { headers: { "cache-control": "public, max-age=3600" } });
});
