import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { badRequest, fieldErrors } from "@/lib/investigation/input-fields";
import { streetsInBox } from "@/lib/investigation/map-layers";
import { databaseFailure, queryObject } from "@/lib/investigation/route-errors";
import { bboxSchema } from "../box";

export const dynamic = "force-dynamic";

/** Known street centerlines in the viewport as GeoJSON, drawn as vectors so the map works without tiles. */
export const GET = withRole("detective", async (request, { db }) => {
  const parsed = z.object({ bbox: bboxSchema }).safeParse(queryObject(request.url, ["bbox"]));
  if (!parsed.success) return badRequest(fieldErrors(parsed.error));
  try {
    const { features, truncated } = await streetsInBox(db, parsed.data.bbox);
    return Response.json({ type: "FeatureCollection", features, truncated }, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return databaseFailure("loading streets", err);
  }
});
