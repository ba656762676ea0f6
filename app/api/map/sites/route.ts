import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { badRequest, fieldErrors } from "@/lib/investigation/input-fields";
import { sitePointsJsonInBox } from "@/lib/investigation/map-layers";
import { databaseFailure, queryObject } from "@/lib/investigation/route-errors";
import { bboxSchema } from "../box";

export const dynamic = "force-dynamic";

/**
 * Every active site in the viewport as [id, lng, lat] for client-side
 * clustering: ids and points only (no addresses or contacts), so it is not a
 * search of the registry and is not audited per pan.
 */
export const GET = withRole("detective", async (request, { db }) => {
  const parsed = z.object({ bbox: bboxSchema }).safeParse(queryObject(request.url, ["bbox"]));
  if (!parsed.success) return badRequest(fieldErrors(parsed.error));
  try {
    // The database writes the JSON (see sitePointsJsonInBox): sent as is, not parsed and re-serialized.
    return new Response(await sitePointsJsonInBox(db, parsed.data.bbox), {
      headers: { "content-type": "application/json", "cache-control": "no-store" },
    });
  } catch (err) {
    return databaseFailure("loading sites", err);
  }
});
