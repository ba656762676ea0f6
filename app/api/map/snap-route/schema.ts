import { z } from "zod";
import { lngLat } from "@/lib/http/input-fields";

/** A route is drawn by hand: tens of points. The cap keeps one request's street graph and searches small. */
export const MAX_ROUTE_POINTS = 100;

/** POST /api/map/snap-route { points: [[lng, lat], …] } — the points as clicked, in order. */
export const snapRouteBodySchema = z.object(
  {
    points: z
      .array(lngLat)
      .min(2, "a route needs at least 2 points")
      .max(MAX_ROUTE_POINTS, `a route may have at most ${MAX_ROUTE_POINTS} points`),
  },
  { error: "body must be a JSON object" },
);
