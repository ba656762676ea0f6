import { interpolateOnSegment, sidesHolding, type RangedSegment } from "../interpolate";
import { formatLocality } from "../normalize";
import type { ParsedStreetAddress } from "../parse";
import type { GeocodeMatch } from "../types";
import type { CenterlineRow } from "./street-candidates";
import { clampConfidence, localityPenalty, streetKey, streetPenalty } from "./street-score";

/** Interpolation is an estimate along the block, so it starts below an address point's certainty. */
const INTERPOLATED_BASE_CONFIDENCE = 0.85;

/** Step 2: the segment whose range on the number's side (by parity) holds it, fetched by street-candidates. */
export function pickCenterline(address: ParsedStreetAddress, rows: CenterlineRow[], sideOffsetM?: number): GeocodeMatch | null {
  const n = address.number;
  const candidates = rows.flatMap((row) => {
    const segment: RangedSegment = {
      coordinates: row.coordinates,
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
