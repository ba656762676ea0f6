import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { streetCenterlines } from "@/db/schema";
import type { LngLat } from "@/db/ewkb";

type Reader = Pick<Db, "select">;

/** Street centerlines crossing the box around `points`, widened by `marginM`. */
export async function centerlinesNear(db: Reader, points: LngLat[], marginM = 300): Promise<LngLat[][]> {
  if (points.length === 0) return [];
  const lat0 = points.reduce((s, p) => s + p[1], 0) / points.length;
  const dLat = marginM / 110_540;
  const dLng = marginM / (111_320 * Math.cos((lat0 * Math.PI) / 180));
  const minLng = Math.min(...points.map((p) => p[0])) - dLng;
  const maxLng = Math.max(...points.map((p) => p[0])) + dLng;
  const minLat = Math.min(...points.map((p) => p[1])) - dLat;
  const maxLat = Math.max(...points.map((p) => p[1])) + dLat;
  const rows = await db
    .select({ geom: streetCenterlines.geom })
    .from(streetCenterlines)
    .where(sql`ST_Intersects(${streetCenterlines.geom}, ST_MakeEnvelope(${minLng}, ${minLat}, ${maxLng}, ${maxLat}, 4326)::geography)`);
  return rows.map((r) => r.geom.coordinates);
}
