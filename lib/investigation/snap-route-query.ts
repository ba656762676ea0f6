import "server-only";
import type { Db } from "@/db/client";
import type { LngLat } from "@/db/ewkb";
import { centerlinesNear } from "@/lib/canvass/centerlines-near";
import { MAX_SNAP_M, snapRouteToStreets, type SnappedRoute } from "./route-snap";

/**
 * The clicked route on the street centerlines the database knows. The box
 * around the points is widened so a street way that bends outside it (round
 * a block at the box's edge) is still in the graph.
 */
export async function snapRouteOnStreets(db: Pick<Db, "select">, points: LngLat[]): Promise<SnappedRoute> {
  const centerlines = await centerlinesNear(db, points, 250 + MAX_SNAP_M);
  return snapRouteToStreets(centerlines, points);
}
