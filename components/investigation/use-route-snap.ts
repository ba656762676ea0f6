"use client";
/**
 * The clicked route, snapped to the street centerlines by the server
 * (POST /api/map/snap-route). Answers are kept per list of points, so the
 * search and the save use the very line the map shows without asking twice.
 */
import { useEffect, useState } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import { STRAIGHT_LEG_TEXT, type RouteLeg } from "@/lib/investigation/route-snap";
import type { LngLat } from "@/lib/investigation/workspace-types";

export interface SnappedRouteAnswer {
  route: { type: "LineString"; coordinates: LngLat[] };
  legs: RouteLeg[];
  lengthM: number;
}

/** The API's cap (app/api/map/snap-route/schema.ts); longer lines (a saved route reopened) are searched as they are. */
export const MAX_SNAP_POINTS = 100;

const answers = new Map<string, SnappedRouteAnswer>();

export type SnapOutcome = { answer: SnappedRouteAnswer } | { error: string };

export async function snapRoute(points: LngLat[]): Promise<SnapOutcome> {
  const key = JSON.stringify(points);
  const known = answers.get(key);
  if (known) return { answer: known };
  const res = await fetchJson<SnappedRouteAnswer>("/api/map/snap-route", { method: "POST", body: { points } });
  if (!res.ok) return { error: res.status === 0 ? "could not reach the server" : (res.errors.points ?? res.error ?? `failed (${res.status})`) };
  if (answers.size > 50) answers.clear();
  answers.set(key, res.data);
  return { answer: res.data };
}

/** What the route panel says about the snapped line: its length and every leg left straight, and why. */
export function describeSnap(answer: SnappedRouteAnswer): string {
  const km = answer.lengthM >= 1000 ? `${(answer.lengthM / 1000).toFixed(2)} km` : `${Math.round(answer.lengthM)} m`;
  const straight = answer.legs.filter((l) => !l.viaStreets);
  if (straight.length === 0) return `Follows the streets, ${km}.`;
  const legs = straight.map((l) => `point ${l.from + 1} to ${l.from + 2}: ${STRAIGHT_LEG_TEXT[l.reason ?? "not_connected"]}`).join("; ");
  return `${km}. Drawn as a straight line where no street path was found (${legs}).`;
}

/** The snapped line for `points` once the server has answered (null while it works, or below two points). */
export function useRouteSnap(points: LngLat[], enabled: boolean) {
  const [latest, setLatest] = useState<{ key: string; outcome: SnapOutcome } | null>(null);
  const active = enabled && points.length >= 2 && points.length <= MAX_SNAP_POINTS;
  const key = JSON.stringify(points);
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    void snapRoute(points).then((outcome) => {
      if (!cancelled) setLatest({ key, outcome });
    });
    return () => {
      cancelled = true;
    };
    // `key` stands for `points`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, active]);
  const current = active && latest?.key === key ? latest.outcome : null;
  return { outcome: current, pending: active && !current };
}
