/**
 * Geocoding accuracy against the synthetic truth: a held-out sample of demo
 * buildings (drawn with its own seed), queried the way people type them, and
 * the distance from each answer to where the building really is.
 */
import * as turf from "@turf/turf";
import { geocodeAll } from "@/lib/geocode/chain";
import type { Geocoder } from "@/lib/geocode/types";
import { generateDemoDataset } from "./generate";
import type { DemoHouse } from "./houses";
import { createPrng } from "./prng";

const HOLDOUT_SEED = 4242;

export interface AccuracyReport {
  queried: number;
  matched: number;
  matchedShare: number;
  medianErrorM: number;
  p95ErrorM: number;
  byMethod: Record<string, number>;
}

export interface HeldOutAddress {
  query: string;
  truth: { lng: number; lat: number };
}

const SPELLED: Record<string, string> = { RD: "Road", ST: "Street", AVE: "Avenue", BLVD: "Boulevard" };

export function heldOutAddresses(size = 400): HeldOutAddress[] {
  const prng = createPrng(HOLDOUT_SEED);
  const houses: DemoHouse[] = prng.shuffle([...generateDemoDataset().houses]).slice(0, size);
  return houses.map((h) => {
    const s = h.street;
    const variants = [
      `${h.number} ${s.preDir} ${s.name} ${s.type}, Westchester, IL 60154`,
      `${h.number} ${s.preDir === "W" ? "west" : "south"} ${s.name.toLowerCase()} ${(SPELLED[s.type] ?? s.type).toLowerCase()} westchester il`,
      `${h.number} ${s.name} ${s.type}`,
      `${h.number} ${s.preDir}. ${s.name} ${s.type}., Westchester IL, USA`,
    ];
    return { query: prng.pick(variants), truth: h.truth };
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export async function measureAccuracy(geocoder: Geocoder, addresses = heldOutAddresses()): Promise<AccuracyReport> {
  const errors: number[] = [];
  const byMethod: Record<string, number> = {};
  const answers = await geocodeAll(geocoder, addresses.map((a) => a.query));
  for (const [i, a] of addresses.entries()) {
    const answer = answers[i];
    if (!answer.found) continue;
    byMethod[answer.method] = (byMethod[answer.method] ?? 0) + 1;
    errors.push(turf.distance([a.truth.lng, a.truth.lat], [answer.lng, answer.lat], { units: "meters" }));
  }
  errors.sort((x, y) => x - y);
  return {
    queried: addresses.length,
    matched: errors.length,
    matchedShare: errors.length / addresses.length,
    medianErrorM: percentile(errors, 50),
    p95ErrorM: percentile(errors, 95),
    byMethod,
  };
}
