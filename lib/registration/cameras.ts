import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cameras, type NewCamera } from "@/db/schema";
import { point } from "@/db/postgis";
import { buildViewCone } from "@/lib/investigation/view-cone";
import type { PointGeometry } from "@/db/ewkb";
import type { CameraInput } from "./schema";

type Tx = Pick<Db, "insert" | "delete" | "update" | "select">;

/**
 * Replace a registration's cameras. Cameras sit at the site's location until
 * someone places them individually, and their view cone is rebuilt from
 * bearing/fov/range so the investigation map never shows a stale sector.
 */
export async function replaceCameras(tx: Tx, registrationId: string, list: CameraInput[], site: PointGeometry | null, now: Date) {
  await tx.delete(cameras).where(eq(cameras.registrationId, registrationId));
  if (list.length === 0) return;
  await tx.insert(cameras).values(cameraRows(registrationId, list, site, now));
}

/** The camera rows replaceCameras inserts (createRegistration inserts them in its one statement). */
export function cameraRows(registrationId: string, list: CameraInput[], site: PointGeometry | null, now: Date): NewCamera[] {
  return list.map((c, i) => ({
    registrationId,
    position: c.position,
    location: site,
    bearingDeg: c.bearingDeg ?? null,
    fovDeg: c.fovDeg ?? null,
    rangeM: c.rangeM ?? null,
    recordsStreet: c.recordsStreet,
    note: c.note ?? null,
    viewCone: site
      ? buildViewCone({ lat: site.coordinates[1], lng: site.coordinates[0], bearingDeg: c.bearingDeg, fovDeg: c.fovDeg, rangeM: c.rangeM })
      : null,
    // The owner's order is kept by creation time (one millisecond apart), which the views sort by.
    createdAt: new Date(now.getTime() + i),
    updatedAt: now,
  }));
}

/** After the site moved (pin fixed), move its cameras and rebuild their cones. */
export async function relocateCameras(tx: Tx, registrationId: string, site: PointGeometry, now: Date) {
  const rows = await tx.select().from(cameras).where(eq(cameras.registrationId, registrationId));
  for (const c of rows) {
    await tx
      .update(cameras)
      .set({
        location: site,
        viewCone: buildViewCone({ lat: site.coordinates[1], lng: site.coordinates[0], bearingDeg: c.bearingDeg, fovDeg: c.fovDeg, rangeM: c.rangeM }),
        updatedAt: now,
      })
      .where(eq(cameras.id, c.id));
  }
}

export const sitePoint = (lat: number, lng: number) => point(lng, lat);
