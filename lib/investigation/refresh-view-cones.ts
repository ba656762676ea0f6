import "server-only";
/**
 * Keeps cameras.view_cone in step with bearing / field of view / range. The
 * registration flow and the seed build the cone on write; this is for rows
 * written without one (imports, SQL fixes) or after a registration moved.
 * The cone's apex is the camera's own point when known, else the site's.
 */
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cameras, registrations } from "@/db/schema";
import { buildViewCone } from "./view-cone";

type Tx = Pick<Db, "select" | "update">;

/**
 * Recompute the cones of `cameraIds` (all cameras when omitted; with
 * `onlyMissing`, only cameras that have a bearing but no stored cone).
 */
export async function refreshViewCones(db: Tx, cameraIds?: string[], options: { onlyMissing?: boolean } = {}): Promise<{ updated: number }> {
  if (cameraIds && cameraIds.length === 0) return { updated: 0 };
  const scope = cameraIds ? inArray(cameras.id, cameraIds) : sql`true`;
  const where = options.onlyMissing ? and(scope, isNotNull(cameras.bearingDeg), isNull(cameras.viewCone)) : scope;
  const rows = await db
    .select({
      id: cameras.id,
      bearingDeg: cameras.bearingDeg,
      fovDeg: cameras.fovDeg,
      rangeM: cameras.rangeM,
      cameraLocation: cameras.location,
      siteLocation: registrations.location,
    })
    .from(cameras)
    .innerJoin(registrations, eq(registrations.id, cameras.registrationId))
    .where(where);
  let updated = 0;
  for (const row of rows) {
    const apex = row.cameraLocation ?? row.siteLocation;
    const viewCone = apex
      ? buildViewCone({ lng: apex.coordinates[0], lat: apex.coordinates[1], bearingDeg: row.bearingDeg, fovDeg: row.fovDeg, rangeM: row.rangeM })
      : null;
    await db.update(cameras).set({ viewCone, updatedAt: new Date() }).where(eq(cameras.id, row.id));
    updated++;
  }
  return { updated };
}
