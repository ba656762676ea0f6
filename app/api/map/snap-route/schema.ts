import { z } from "zod";
import { lngLat } from "@/lib/http/input-fields";
import { straightLineM } from "@/lib/canvass/street-graph";

/** A route is drawn by hand: tens of points. The cap keeps one request's street graph and searches small. */
export const MAX_ROUTE_POINTS = 100;

/**
 * The street graph is built from every centerline in the box around the points: 10 km across is a few thousand
 * segments in a town (a second or so); a county-wide box would be tens of thousands. Longer routes are searched as drawn.
 */
export const MAX_ROUTE_SPAN_M = 10_000;

/** POST /api/map/snap-route { points: [[lng, lat], …] } — the points as clicked, in order. */
export const snapRouteBodySchema = z.object(
  {
    points: z
      .array(lngLat)
      .min(2, "a route needs at least 2 points")
      .max(MAX_ROUTE_POINTS, `a route may have at most ${MAX_ROUTE_POINTS} points`)
      .refine((points) => {
        const lngs = points.map((p) => p[0]);
        const lats = points.map((p) => p[1]);
        return straightLineM([Math.min(...lngs), Math.min(...lats)], [Math.max(...lngs), Math.max(...lats)]) <= MAX_ROUTE_SPAN_M;
      }, `the points may span at most ${MAX_ROUTE_SPAN_M / 1000} km to be fitted to the streets`),
  },
  { error: "body must be a JSON object" },
);
