/**
 * Steps 1 and 2 judged honestly: which of the reference rows with this street
 * name and number (address points, else centerline ranges) agree with every
 * component the query gave. A contradiction (direction, street type, ZIP,
 * city) is never a match, only a candidate with its reason; equally good
 * matches more than AMBIGUOUS_DISTANCE_M apart answer `ambiguous`. The
 * confidence scale is documented in ../types.ts. Pure.
 */
import { interpolateOnSegment, sidesHolding, type RangedSegment } from "../interpolate";
import { formatLocality } from "../normalize";
import { formatHouseNumber, type ParsedStreetAddress } from "../parse";
import { formatStreet, type StreetName } from "../street-name";
import type { GeocodeAnswer, GeocodeCandidate, GeocodeMethod } from "../types";
import type { AddressPointRow, CenterlineRow } from "./street-candidates";

export const ADDRESS_POINT_CONFIDENCE = 1;
export const INTERPOLATED_CONFIDENCE = 0.85;
export const RELAXATION_COST = 0.05;
/** Two equally good places further apart than this are different places, not one answer. */
export const AMBIGUOUS_DISTANCE_M = 100;
const MAX_CANDIDATES = 5;

interface Place {
  street: StreetName;
  city: string | null;
  state: string | null;
  zip: string | null;
  numberSuffix: string | null;
  unit: string | null;
  lat: number;
  lng: number;
  method: GeocodeMethod;
  source: string;
}

export interface Judged {
  place: Place;
  contradictions: string[];
  relaxations: string[];
  confidence: number;
}

const dirsOf = (s: StreetName) => [s.preDir, s.postDir].filter(Boolean).join("/") || "none";

/** Why this place is not the address asked for (empty: it agrees), and what the query left open. */
export function judgePlace(asked: ParsedStreetAddress, place: Place, base: number): Judged {
  const contradictions: string[] = [];
  const relaxations: string[] = [];
  const a = asked.street;
  const r = place.street;
  const askedDirs = [a.preDir, a.postDir].filter(Boolean);
  const refDirs = [r.preDir, r.postDir].filter(Boolean);
  if (askedDirs.length > 0) {
    // Same directional on either side still agrees ("SE 7th St" for "7th St SE"); another or none does not.
    const agrees = askedDirs.every((d) => refDirs.includes(d)) && refDirs.length === askedDirs.length;
    if (!agrees) contradictions.push(`direction differs (asked ${askedDirs.join("/")}, reference ${dirsOf(r)})`);
  } else if (refDirs.length > 0) relaxations.push(`no direction given; reference has ${refDirs.join("/")}`);
  if (a.type && a.type !== r.type) contradictions.push(`street type differs (asked ${a.type}, reference ${r.type ?? "none"})`);
  else if (!a.type && r.type) relaxations.push(`no street type given; reference has ${r.type}`);
  const zipAgrees = Boolean(asked.zip && place.zip && asked.zip === place.zip);
  if (asked.zip && place.zip && !zipAgrees) contradictions.push(`ZIP differs (asked ${asked.zip}, reference ${place.zip})`);
  // Postal and municipal names differ ("Westchester" vs "Westchester Village"): an agreeing ZIP settles the locality.
  if (asked.city && place.city && asked.city !== place.city && !zipAgrees) {
    contradictions.push(`city differs (asked ${asked.city}, reference ${place.city})`);
  }
  if (!asked.zip && !asked.city && (place.zip || place.city)) relaxations.push("no ZIP or city given");
  if (asked.numberSuffix && place.numberSuffix && asked.numberSuffix !== place.numberSuffix) {
    contradictions.push(`house number suffix differs (asked ${asked.numberSuffix}, reference ${place.numberSuffix})`);
  } else if (asked.numberSuffix && !place.numberSuffix && place.method === "address_point") {
    relaxations.push(`number suffix ${asked.numberSuffix} not in the reference data`);
  }
  if (asked.unit && place.unit !== asked.unit && place.method === "address_point") relaxations.push(`unit ${asked.unit} not in the reference data`);
  const confidence = Math.round(Math.max(0.05, base - RELAXATION_COST * relaxations.length) * 100) / 100;
  return { place, contradictions, relaxations, confidence };
}

export function pointPlaces(asked: ParsedStreetAddress, rows: AddressPointRow[]): Judged[] {
  return rows.map((row) =>
    judgePlace(
      asked,
      {
        street: { preDir: row.st_predir, name: row.st_name, type: row.st_postyp, postDir: row.st_posdir },
        city: row.city,
        state: row.state,
        zip: row.zip,
        numberSuffix: row.add_num_suf,
        unit: row.unit,
        lat: Number(row.lat),
        lng: Number(row.lng),
        method: "address_point",
        source: "local:address_points",
      },
      ADDRESS_POINT_CONFIDENCE,
    ),
  );
}

export function centerlinePlaces(asked: ParsedStreetAddress, rows: CenterlineRow[], sideOffsetM?: number): Judged[] {
  return rows.flatMap((row) => {
    const segment: RangedSegment = {
      coordinates: row.coordinates,
      fromAddrL: row.from_addr_l,
      toAddrL: row.to_addr_l,
      fromAddrR: row.from_addr_r,
      toAddrR: row.to_addr_r,
      parityL: row.parity_l,
      parityR: row.parity_r,
    };
    return sidesHolding(segment, asked.number).map((range) => {
      const placed = interpolateOnSegment(segment.coordinates, range, asked.number, sideOffsetM);
      const left = range.side === "L";
      return judgePlace(
        asked,
        {
          street: { preDir: row.st_predir, name: row.st_name, type: row.st_postyp, postDir: row.st_posdir },
          city: left ? row.city_l : row.city_r,
          state: null,
          zip: left ? row.zip_l : row.zip_r,
          numberSuffix: null,
          unit: null,
          lat: placed.lat,
          lng: placed.lng,
          method: "interpolated",
          source: "local:street_centerlines",
        },
        INTERPOLATED_CONFIDENCE,
      );
    });
  });
}

function addressOf(asked: ParsedStreetAddress, place: Place): string {
  const number = place.method === "address_point" && place.numberSuffix ? `${asked.number} ${place.numberSuffix}` : formatHouseNumber(asked);
  const unit = place.method === "address_point" ? place.unit : asked.unit;
  const line = [number, formatStreet(place.street), unit].filter(Boolean).join(" ");
  return [line, formatLocality(place.city, place.state ?? asked.state, place.zip)].filter(Boolean).join(", ");
}

export function distanceM(p: { lng: number; lat: number }, q: { lng: number; lat: number }): number {
  const x = (p.lng - q.lng) * Math.cos(((p.lat + q.lat) / 2) * (Math.PI / 180)) * 111_320;
  const y = (p.lat - q.lat) * 111_320;
  return Math.hypot(x, y);
}

export function candidateOf(asked: ParsedStreetAddress, j: Judged, reason: string): GeocodeCandidate {
  return { address: addressOf(asked, j.place), lat: j.place.lat, lng: j.place.lng, method: j.place.method, confidence: j.confidence, reason };
}

/** One candidate per place: rows within AMBIGUOUS_DISTANCE_M of a better one are the same place. */
function distinctPlaces(judged: Judged[]): Judged[] {
  const kept: Judged[] = [];
  for (const j of judged) if (!kept.some((k) => distanceM(k.place, j.place) <= AMBIGUOUS_DISTANCE_M && formatStreet(k.place.street) === formatStreet(j.place.street))) kept.push(j);
  return kept;
}

/**
 * The answer from this street and number's reference rows, or null when there
 * are none (the caller then looks for similar names).
 */
export function judgeStreetAddress(
  asked: ParsedStreetAddress,
  rows: { points: AddressPointRow[]; centerlines: CenterlineRow[] },
  sideOffsetM?: number,
): GeocodeAnswer | null {
  const judged = rows.points.length > 0 ? pointPlaces(asked, rows.points) : centerlinePlaces(asked, rows.centerlines, sideOffsetM);
  if (judged.length === 0) return null;
  const sameDoor = (j: Judged) => (j.place.unit === asked.unit ? 0 : 1) + (j.place.numberSuffix === asked.numberSuffix ? 0 : 1);
  const matches = judged.filter((j) => j.contradictions.length === 0).sort((x, y) => y.confidence - x.confidence || sameDoor(x) - sameDoor(y));
  if (matches.length === 0) {
    const near = distinctPlaces([...judged].sort((x, y) => x.contradictions.length - y.contradictions.length || y.confidence - x.confidence));
    const candidates = near.slice(0, MAX_CANDIDATES).map((j) => candidateOf(asked, j, j.contradictions.join("; ")));
    return {
      status: "not_found",
      found: false,
      suggestions: candidates.map((c) => c.address),
      candidates,
      reason: `the reference data has this number on ${[...new Set(near.map((j) => formatStreet(j.place.street)))].join(", ")}, but ${near[0].contradictions.join("; ")}`,
    };
  }
  const best = matches[0];
  const tied = distinctPlaces(matches.filter((m) => m.confidence === best.confidence));
  // Units of one building and a number on two touching segments are one place; the same fit far apart is not.
  const far = tied.filter((m) => distanceM(m.place, best.place) > AMBIGUOUS_DISTANCE_M || formatStreet(m.place.street) !== formatStreet(best.place.street));
  if (far.length > 0) {
    const candidates = tied.slice(0, MAX_CANDIDATES).map((j) => candidateOf(asked, j, "fits as well as another place more than 100 m away"));
    return {
      status: "ambiguous",
      found: false,
      suggestions: candidates.map((c) => c.address),
      candidates,
      reason: `${tied.length} places fit equally well; give the ZIP or city, or choose one`,
    };
  }
  return {
    status: "found",
    found: true,
    lat: best.place.lat,
    lng: best.place.lng,
    matchedAddress: addressOf(asked, best.place),
    method: best.place.method,
    confidence: best.confidence,
    source: best.place.source,
    reasons: best.relaxations,
  };
}
