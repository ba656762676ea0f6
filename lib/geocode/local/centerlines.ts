import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { interpolateOnSegment, sidesHolding, type RangedSegment } from "../interpolate";
import { formatLocality } from "../normalize";
import type { ParsedStreetAddress } from "../parse";
import type { GeocodeMatch } from "../types";
import { queryRows } from "./rows";
import { clampConfidence, localityPenalty, streetKey, streetPenalty } from "./street-score";

/** Interpolation is an estimate along the block, so it starts below an address point's certainty. */
const INTERPOLATED_BASE_CONFIDENCE = 0.85;

interface CenterlineRow {
  st_predir: string | null;
  st_name: string;
  st_postyp: string | null;
  st_posdir: string | null;
  from_addr_l: number | null;
  to_addr_l: number | null;
  from_addr_r: number | null;
  to_addr_r: number | null;
  parity_l: string | null;
  parity_r: string | null;
  zip_l: string | null;
  zip_r: string | null;
  city_l: string | null;
  city_r: string | null;
  geojson: string;
}

/** Step 2: the centerline segment whose range on the number's side (by parity) holds it. */
export async function matchCenterline(
  db: Db,
  address: ParsedStreetAddress,
  sideOffsetM?: number,
): Promise<GeocodeMatch | null> {
  const n = address.number;
  const rows = await queryRows<CenterlineRow>(
    db,
    sql`select st_predir, st_name, st_postyp, st_posdir, from_addr_l, to_addr_l, from_addr_r, to_addr_r,
          parity_l, parity_r, zip_l, zip_r, city_l, city_r, ST_AsGeoJSON(geom) as geojson
        from street_centerlines
        where st_name = ${address.street.name}
          and ((${n} between least(from_addr_l, to_addr_l) and greatest(from_addr_l, to_addr_l))
            or (${n} between least(from_addr_r, to_addr_r) and greatest(from_addr_r, to_addr_r)))
        limit 200`,
  );

  const candidates = rows.flatMap((row) => {
    const segment: RangedSegment = {
      coordinates: (JSON.parse(row.geojson) as { coordinates: [number, number][] }).coordinates,
      fromAddrL: row.from_addr_l,
      toAddrL: row.to_addr_l,
      fromAddrR: row.from_addr_r,
      toAddrR: row.to_addr_r,
      parityL: row.parity_l,
      parityR: row.parity_r,
    };
    const street = { preDir: row.st_predir, name: row.st_name, type: row.st_postyp, postDir: row.st_posdir };
    return sidesHolding(segment, n).map((range) => {
      const locality =
        range.side === "L" ? { city: row.city_l, zip: row.zip_l, state: null } : { city: row.city_r, zip: row.zip_r, state: null };
      const penalty = streetPenalty(address.street, street) + localityPenalty(address, locality);
      return { segment, range, street, locality, penalty };
    });
  });
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => a.penalty - b.penalty);
  const best = candidates[0];
  const ambiguous = candidates.some((c) => c.penalty === best.penalty && streetKey(c.street) !== streetKey(best.street));
  const placed = interpolateOnSegment(best.segment.coordinates, best.range, n, sideOffsetM);
  const line = [String(n), streetKey(best.street), address.unit].filter(Boolean).join(" ");
  return {
    found: true,
    lat: placed.lat,
    lng: placed.lng,
    matchedAddress: [line, formatLocality(best.locality.city, address.state, best.locality.zip)].filter(Boolean).join(", "),
    method: "interpolated",
    confidence: clampConfidence(INTERPOLATED_BASE_CONFIDENCE - best.penalty - (ambiguous ? 0.2 : 0)),
    source: "local:street_centerlines",
  };
}
