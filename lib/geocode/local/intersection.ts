import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { formatLocality } from "../normalize";
import type { ParsedIntersection } from "../parse";
import type { GeocodeMatch } from "../types";
import { queryRows } from "./rows";
import { clampConfidence, streetKey, streetPenalty } from "./street-score";

const INTERSECTION_BASE_CONFIDENCE = 0.8;
/** Imported centerlines do not always share a vertex at a crossing; a few metres' gap still meets. */
const SNAP_TOLERANCE_M = 3;
/** Two crossings further apart than this are different places (a street that crosses twice). */
const SAME_CROSSING_M = 40;

interface CrossingRow {
  a_predir: string | null;
  a_name: string;
  a_type: string | null;
  a_posdir: string | null;
  b_predir: string | null;
  b_name: string;
  b_type: string | null;
  b_posdir: string | null;
  lng: number;
  lat: number;
}

/** Step 3: where two named streets meet. */
export async function matchIntersection(db: Db, query: ParsedIntersection): Promise<GeocodeMatch | null> {
  const [first, second] = query.streets;
  const rows = await queryRows<CrossingRow>(
    db,
    sql`select a.st_predir as a_predir, a.st_name as a_name, a.st_postyp as a_type, a.st_posdir as a_posdir,
          b.st_predir as b_predir, b.st_name as b_name, b.st_postyp as b_type, b.st_posdir as b_posdir,
          ST_X(p) as lng, ST_Y(p) as lat
        from (
          select a.id as a_id, b.id as b_id, ST_ClosestPoint(a.geom::geometry, b.geom::geometry) as p
          from street_centerlines a
          join street_centerlines b on ST_DWithin(a.geom, b.geom, ${SNAP_TOLERANCE_M})
          where a.st_name = ${first.name} and b.st_name = ${second.name} and a.id <> b.id
          limit 200
        ) crossing
        join street_centerlines a on a.id = crossing.a_id
        join street_centerlines b on b.id = crossing.b_id`,
  );
  if (rows.length === 0) return null;

  const scored = rows
    .map((row) => {
      const a = { preDir: row.a_predir, name: row.a_name, type: row.a_type, postDir: row.a_posdir };
      const b = { preDir: row.b_predir, name: row.b_name, type: row.b_type, postDir: row.b_posdir };
      return { a, b, lng: Number(row.lng), lat: Number(row.lat), penalty: streetPenalty(first, a) + streetPenalty(second, b) };
    })
    .sort((x, y) => x.penalty - y.penalty || x.lng - y.lng || x.lat - y.lat);
  const best = scored[0];
  // Segments meeting at one crossing answer several times; average those, and notice a second crossing.
  const same = scored.filter((s) => s.penalty === best.penalty && distanceM(s, best) <= SAME_CROSSING_M);
  const elsewhere = scored.some((s) => s.penalty === best.penalty && distanceM(s, best) > SAME_CROSSING_M);
  const lng = same.reduce((sum, s) => sum + s.lng, 0) / same.length;
  const lat = same.reduce((sum, s) => sum + s.lat, 0) / same.length;
  const line = `${streetKey(best.a)} & ${streetKey(best.b)}`;
  return {
    status: "found",
    found: true,
    lat,
    lng,
    matchedAddress: [line, formatLocality(query.city, query.state, query.zip)].filter(Boolean).join(", "),
    method: "intersection",
    confidence: clampConfidence(INTERSECTION_BASE_CONFIDENCE - best.penalty - (elsewhere ? 0.3 : 0)),
    source: "local:street_centerlines",
  };
}

/** Equirectangular distance; exact enough to tell one crossing from another. */
function distanceM(p: { lng: number; lat: number }, q: { lng: number; lat: number }): number {
  const x = (p.lng - q.lng) * Math.cos(((p.lat + q.lat) / 2) * (Math.PI / 180)) * 111_320;
  const y = (p.lat - q.lat) * 111_320;
  return Math.hypot(x, y);
}
