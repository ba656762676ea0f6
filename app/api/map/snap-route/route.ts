import { withRole } from "@/lib/auth/with-role";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { snapRouteOnStreets } from "@/lib/investigation/snap-route-query";
import { snapRouteBodySchema } from "./schema";

export const dynamic = "force-dynamic";

/**
 * The route of travel the detective clicked, along the street centerlines:
 * `{ route: LineString, legs: [{ from, viaStreets, reason?, lengthM, startsAt, endsAt }], lengthM }`.
 * Reads only public reference data (centerlines), so it is not audited; the
 * search along the route is.
 */
export const POST = withRole("detective", async (request, { db }) => {
  const { points } = parseInput(snapRouteBodySchema, await readJsonBody(request));
  const snapped = await snapRouteOnStreets(db, points);
  return Response.json(
    { route: { type: "LineString", coordinates: snapped.coordinates }, legs: snapped.legs, lengthM: snapped.lengthM },
    { headers: { "cache-control": "no-store" } },
  );
});
