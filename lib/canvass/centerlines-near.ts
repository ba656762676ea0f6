import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { streetCenterlines } from "@/db/schema";
import type { LngLat } from "@/db/ewkb";

type Reader = Pick<Db, "select">;

export interface NamedCenterline {
  /** As people write it: "W Roosevelt Rd", "S Mannheim Rd" (the NG9-1-1 parts, name and type title-cased). */
  name: string;
  line: LngLat[];
}

const titleCase = (s: string | null) => (s ? s.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase()) : null);

export function streetLabel(parts: { stPreDir: string | null; stName: string; stPosTyp: string | null; stPosDir: string | null }): string {
  return [parts.stPreDir, titleCase(parts.stName), titleCase(parts.stPosTyp), parts.stPosDir].filter(Boolean).join(" ");
}

/** Street centerlines crossing the box around `points`, widened by `marginM`, with their names. */
export async function namedCenterlinesNear(db: Reader, points: LngLat[], marginM = 300): Promise<NamedCenterline[]> {
  if (points.length === 0) return [];
  const lat0 = points.reduce((s, p) => s + p[1], 0) / points.length;
  const dLat = marginM / 110_540;
  const dLng = marginM / (111_320 * Math.cos((lat0 * Math.PI) / 180));
  const minLng = Math.min(...points.map((p) => p[0])) - dLng;
  const maxLng = Math.max(...points.map((p) => p[0])) + dLng;
  const minLat = Math.min(...points.map((p) => p[1])) - dLat;
  const maxLat = Math.max(...points.map((p) => p[1])) + dLat;
  const rows = await db
    .select({
      geom: streetCenterlines.geom,
      stPreDir: streetCenterlines.stPreDir,
      stName: streetCenterlines.stName,
      stPosTyp: streetCenterlines.stPosTyp,
      stPosDir: streetCenterlines.stPosDir,
    })
    .from(streetCenterlines)
    .where(sql`ST_Intersects(${streetCenterlines.geom}, ST_MakeEnvelope(${minLng}, ${minLat}, ${maxLng}, ${maxLat}, 4326)::geography)`);
  return rows.map((r) => ({ name: streetLabel(r), line: r.geom.coordinates }));
}

/** Street centerlines crossing the box around `points`, widened by `marginM`. */
export async function centerlinesNear(db: Reader, points: LngLat[], marginM = 300): Promise<LngLat[][]> {
  return (await namedCenterlinesNear(db, points, marginM)).map((s) => s.line);
}
