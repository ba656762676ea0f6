/**
 * How well a reference row's street and locality fit what was asked. A
 * missing part costs little (people leave off "W" and "Rd"); a contradicting
 * one costs a lot ("E" asked, "W" found). Pure.
 */
import type { StreetName } from "../parse";

export interface ReferenceStreet {
  preDir: string | null;
  name: string;
  type: string | null;
  postDir: string | null;
}

export interface Locality {
  city: string | null;
  state?: string | null;
  zip: string | null;
}

function partPenalty(asked: string | null, found: string | null, contradict: number, missing: number): number {
  if (!asked && !found) return 0;
  if (asked && found) return asked === found ? 0 : contradict;
  return missing;
}

export function streetPenalty(asked: StreetName, found: ReferenceStreet): number {
  return (
    partPenalty(asked.preDir, found.preDir, 0.3, 0.03) +
    partPenalty(asked.type, found.type, 0.25, 0.03) +
    partPenalty(asked.postDir, found.postDir, 0.3, 0.03)
  );
}

export function localityPenalty(asked: Locality, found: Locality): number {
  let penalty = 0;
  if (asked.zip && found.zip && asked.zip !== found.zip) penalty += 0.1;
  // Postal community and municipality often differ; a different city costs less than a different ZIP.
  if (asked.city && found.city && asked.city !== found.city.toUpperCase()) penalty += 0.05;
  return penalty;
}

export const streetKey = (s: ReferenceStreet) => [s.preDir, s.name, s.type, s.postDir].filter(Boolean).join(" ");

export const clampConfidence = (value: number) => Math.round(Math.min(Math.max(value, 0.05), 1) * 100) / 100;
