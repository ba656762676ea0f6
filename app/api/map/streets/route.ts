import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { parseInput } from "@/lib/http/field-errors";
import { queryObject } from "@/lib/http/route-errors";
import { streetsInBox } from "@/lib/investigation/map-layers";
import { bboxSchema } from "../box";

export const dynamic = "force-dynamic";

/** Known street centerlines in the viewport as GeoJSON, drawn as vectors so the map works without tiles. */
export const GET = withRole("detective", async (request, { db }) => {
  const { bbox } = parseInput(z.object({ bbox: bboxSchema }), queryObject(request.url, ["bbox"]));
  const { features, truncated } = await streetsInBox(db, bbox);
  return Response.json({ type: "FeatureCollection", features, truncated }, { headers: { "cache-control": "no-store" } });
});
