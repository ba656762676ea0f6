/**
 * The walking order of a canvass: an open path from the incident point over
 * every stop. Nearest-neighbour gives a start, 2-opt and Or-opt improve it,
 * and the same improvement also runs from the plain "nearest first" order;
 * the shorter wins. Improvements only ever shorten a path, so the result is
 * never longer than the distance-sorted order a detective would otherwise walk.
 */
import type { LngLat } from "@/db/ewkb";
import { blockFaceFor } from "./block-face";
import { StreetGraph, straightLineM } from "./street-graph";

export interface WalkStopInput {
  id: string;
  location: LngLat | null;
  addressLine1: string;
}

export interface WalkStop {
  id: string;
  /** 1-based stop number. */
  walkOrder: number;
  blockFaceKey: string;
  blockFaceLabel: string;
  /** Consecutive stops on one block face share a group number (1-based). */
  group: number;
  /** Walking distance from the previous stop (or the incident), metres; null without a location. */
  legM: number | null;
}

export interface WalkPlan {
  stops: WalkStop[];
  totalM: number;
  /** Length of the distance-sorted order under the same distances, for comparison. */
  distanceSortedM: number;
  distanceBasis: "streets" | "straight_line";
}

const EPSILON = 1e-7;

/** Length of an open path that starts at node 0 and visits `order` (indices into `matrix`). */
export function pathLength(matrix: number[][], order: number[]): number {
  let total = 0;
  let previous = 0;
  for (const node of order) {
    total += matrix[previous][node];
    previous = node;
  }
  return total;
}

function nearestNeighbour(matrix: number[][], count: number): number[] {
  const unvisited = new Set(Array.from({ length: count }, (_, i) => i + 1));
  const order: number[] = [];
  let current = 0;
  while (unvisited.size > 0) {
    let best = -1;
    for (const candidate of unvisited) if (best === -1 || matrix[current][candidate] < matrix[current][best]) best = candidate;
    order.push(best);
    unvisited.delete(best);
    current = best;
  }
  return order;
}

/** 2-opt on an open path with a fixed start (node 0) and a free end. */
function twoOpt(matrix: number[][], order: number[]): boolean {
  let improved = false;
  const n = order.length;
  for (let i = 0; i < n - 1; i++) {
    const before = i === 0 ? 0 : order[i - 1];
    for (let j = i + 1; j < n; j++) {
      const after = j === n - 1 ? -1 : order[j + 1];
      const removed = matrix[before][order[i]] + (after === -1 ? 0 : matrix[order[j]][after]);
      const added = matrix[before][order[j]] + (after === -1 ? 0 : matrix[order[i]][after]);
      if (added < removed - EPSILON) {
        reverse(order, i, j);
        improved = true;
      }
    }
  }
  return improved;
}

/** Or-opt: move a run of 1–3 stops elsewhere in the path, forwards or reversed. */
function orOpt(matrix: number[][], order: number[]): boolean {
  const n = order.length;
  for (let len = 1; len <= Math.min(3, n - 1); len++) {
    for (let i = 0; i + len <= n; i++) {
      const segment = order.slice(i, i + len);
      const rest = [...order.slice(0, i), ...order.slice(i + len)];
      const current = pathLength(matrix, order);
      for (let k = 0; k <= rest.length; k++) {
        if (k === i) continue;
        for (const piece of [segment, [...segment].reverse()]) {
          const candidate = [...rest.slice(0, k), ...piece, ...rest.slice(k)];
          if (pathLength(matrix, candidate) < current - EPSILON) {
            order.splice(0, n, ...candidate);
            return true;
          }
        }
      }
    }
  }
  return false;
}

function reverse(order: number[], i: number, j: number) {
  while (i < j) {
    [order[i], order[j]] = [order[j], order[i]];
    i++;
    j--;
  }
}

/** Local search to a 2-opt + Or-opt optimum; each step strictly shortens the path. */
export function improvePath(matrix: number[][], start: number[]): number[] {
  const order = [...start];
  // Or-opt is O(n^3) per pass; on very large canvasses 2-opt alone is kept.
  const useOrOpt = order.length <= 120;
  for (let pass = 0; pass < 1000; pass++) {
    if (twoOpt(matrix, order)) continue;
    if (useOrOpt && orOpt(matrix, order)) continue;
    break;
  }
  return order;
}

/** Indices 1..n of the stops, nearest to the start (node 0) first by straight line. */
export function distanceSortedOrder(points: LngLat[]): number[] {
  return points
    .slice(1)
    .map((p, i) => ({ node: i + 1, d: straightLineM(points[0], p) }))
    .sort((a, b) => a.d - b.d || a.node - b.node)
    .map((x) => x.node);
}

/** Best open path from node 0 over all other nodes of `points` under `matrix`. */
export function bestOpenPath(matrix: number[][], points: LngLat[]): { order: number[]; lengthM: number; distanceSortedM: number } {
  const count = points.length - 1;
  const sorted = distanceSortedOrder(points);
  const candidates = [improvePath(matrix, nearestNeighbour(matrix, count)), improvePath(matrix, sorted)];
  let order = candidates[0];
  for (const c of candidates) if (pathLength(matrix, c) < pathLength(matrix, order)) order = c;
  return { order, lengthM: pathLength(matrix, order), distanceSortedM: pathLength(matrix, sorted) };
}

export function planWalk(start: LngLat, stops: WalkStopInput[], centerlines: LngLat[][] = []): WalkPlan {
  const located = stops.filter((s) => s.location !== null);
  const unlocated = stops.filter((s) => s.location === null).sort((a, b) => a.addressLine1.localeCompare(b.addressLine1));
  const graph = new StreetGraph(centerlines);
  const points: LngLat[] = [start, ...located.map((s) => s.location!)];
  const matrix = graph.distanceMatrix(points);
  const { order, lengthM, distanceSortedM } = bestOpenPath(matrix, points);

  const result: WalkStop[] = [];
  let group = 0;
  let previousKey: string | null = null;
  let previousNode = 0;
  const push = (stop: WalkStopInput, legM: number | null) => {
    const face = blockFaceFor(stop.addressLine1);
    if (face.key !== previousKey) group++;
    previousKey = face.key;
    result.push({ id: stop.id, walkOrder: result.length + 1, blockFaceKey: face.key, blockFaceLabel: face.label, group, legM });
  };
  for (const node of order) {
    push(located[node - 1], matrix[previousNode][node]);
    previousNode = node;
  }
  for (const stop of unlocated) push(stop, null);
  return {
    stops: result,
    totalM: lengthM,
    distanceSortedM,
    distanceBasis: graph.isEmpty ? "straight_line" : "streets",
  };
}
