import { formatLocality } from "../normalize";
import type { ParsedStreetAddress } from "../parse";
import type { GeocodeMatch } from "../types";
import type { AddressPointRow } from "./street-candidates";
import { clampConfidence, localityPenalty, streetKey, streetPenalty } from "./street-score";

/** Step 1: the best of the address points with this street name and number (fetched by street-candidates). */
export function pickAddressPoint(address: ParsedStreetAddress, rows: AddressPointRow[]): GeocodeMatch | null {
  if (rows.length === 0) return null;

  const scored = rows
    .map((row) => {
      const street = { preDir: row.st_predir, name: row.st_name, type: row.st_postyp, postDir: row.st_posdir };
      let penalty = streetPenalty(address.street, street) + localityPenalty(address, row);
      if ((address.numberSuffix ?? null) !== (row.add_num_suf ?? null)) penalty += address.numberSuffix ? 0.1 : 0.05;
      // A unit asked for but only the building known is still the right building.
      if (address.unit !== (row.unit ?? null)) penalty += address.unit && row.unit ? 0.15 : address.unit ? 0.03 : 0.08;
      return { row, street, penalty };
    })
    .sort((a, b) => a.penalty - b.penalty || (a.row.unit ?? "").localeCompare(b.row.unit ?? ""));

  const best = scored[0];
  // Two different streets fit equally well (e.g. "HULL AVE" and "HULL CT" when no suffix was given).
  const ambiguous = scored.some((s) => s.penalty === best.penalty && streetKey(s.street) !== streetKey(best.street));
  const number = best.row.add_num_suf ? `${best.row.add_number} ${best.row.add_num_suf}` : String(best.row.add_number);
  const line = [number, streetKey(best.street), best.row.unit].filter(Boolean).join(" ");
  return {
    found: true,
    lat: Number(best.row.lat),
    lng: Number(best.row.lng),
    matchedAddress: [line, formatLocality(best.row.city, best.row.state, best.row.zip)].filter(Boolean).join(", "),
    method: "address_point",
    confidence: clampConfidence(1 - best.penalty - (ambiguous ? 0.2 : 0)),
    source: "local:address_points",
  };
}
