/**
 * Walking distances between canvass stops. With street centerlines loaded,
 * distances run along them: a small graph of centerline vertices (shared
 * vertices join streets at intersections), each stop snapped to its nearest
 * segment, Dijkstra from every stop. pgRouting would do this on a server, but
 * the embedded database has no pgRouting, and a canvass has tens of stops.
 * Without centerlines, or between stops the graph does not connect, the
 * distance is the straight line (turf, metres).
 */
import * as turf from "@turf/turf";
import type { LngLat } from "@/db/ewkb";

interface Edge {
  to: number;
  lengthM: number;
}

interface Segment {
  a: number;
  b: number;
  lengthM: number;
}

interface Snap {
  segment: number;
  /** 0 at the segment's `a` end, 1 at `b`. */
  fraction: number;
  /** From the stop to the centerline (the walk up the driveway). */
  offsetM: number;
}

export function straightLineM(a: LngLat, b: LngLat): number {
  return turf.distance(a, b, { units: "meters" });
}

/** ~1 cm: centerline ends closer than this are the same intersection. */
const vertexKey = ([lng, lat]: LngLat) => `${lng.toFixed(7)},${lat.toFixed(7)}`;

export class StreetGraph {
  private readonly vertices: LngLat[] = [];
  private readonly adjacency: Edge[][] = [];
  private readonly segments: Segment[] = [];

  constructor(centerlines: LngLat[][]) {
    const index = new Map<string, number>();
    const vertexId = (p: LngLat) => {
      const key = vertexKey(p);
      let id = index.get(key);
      if (id === undefined) {
        id = this.vertices.length;
        index.set(key, id);
        this.vertices.push(p);
        this.adjacency.push([]);
      }
      return id;
    };
    for (const line of centerlines) {
      for (let i = 1; i < line.length; i++) {
        const a = vertexId(line[i - 1]);
        const b = vertexId(line[i]);
        if (a === b) continue;
        const lengthM = straightLineM(this.vertices[a], this.vertices[b]);
        this.segments.push({ a, b, lengthM });
        this.adjacency[a].push({ to: b, lengthM });
        this.adjacency[b].push({ to: a, lengthM });
      }
    }
  }

  get isEmpty(): boolean {
    return this.segments.length === 0;
  }

  /** Nearest point on any segment, in a local flat projection (fine at street scale). */
  snap(p: LngLat): Snap | null {
    let best: Snap | null = null;
    const kx = 111_320 * Math.cos((p[1] * Math.PI) / 180);
    const ky = 110_540;
    for (const [i, seg] of this.segments.entries()) {
      const [ax, ay] = this.vertices[seg.a];
      const [bx, by] = this.vertices[seg.b];
      const dx = (bx - ax) * kx;
      const dy = (by - ay) * ky;
      const px = (p[0] - ax) * kx;
      const py = (p[1] - ay) * ky;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, (px * dx + py * dy) / len2));
      const offsetM = Math.hypot(px - t * dx, py - t * dy);
      if (!best || offsetM < best.offsetM) best = { segment: i, fraction: t, offsetM };
    }
    return best;
  }

  /** Shortest distances from a snapped point to every vertex. */
  private distancesFrom(snap: Snap): Float64Array {
    const dist = new Float64Array(this.vertices.length).fill(Infinity);
    const seg = this.segments[snap.segment];
    const heap = new MinHeap();
    dist[seg.a] = snap.fraction * seg.lengthM;
    dist[seg.b] = Math.min(dist[seg.b], (1 - snap.fraction) * seg.lengthM);
    heap.push(seg.a, dist[seg.a]);
    heap.push(seg.b, dist[seg.b]);
    while (heap.size > 0) {
      const [v, d] = heap.pop();
      if (d > dist[v]) continue;
      for (const edge of this.adjacency[v]) {
        const nd = d + edge.lengthM;
        if (nd < dist[edge.to]) {
          dist[edge.to] = nd;
          heap.push(edge.to, nd);
        }
      }
    }
    return dist;
  }

  /** Symmetric matrix of walking distances (metres) between the points. */
  distanceMatrix(points: LngLat[]): number[][] {
    const n = points.length;
    const matrix = points.map(() => new Array<number>(n).fill(0));
    if (this.isEmpty) {
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) matrix[i][j] = matrix[j][i] = straightLineM(points[i], points[j]);
      return matrix;
    }
    const snaps = points.map((p) => this.snap(p)!);
    const fromEach = snaps.map((s) => this.distancesFrom(s));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const si = snaps[i];
        const sj = snaps[j];
        const seg = this.segments[sj.segment];
        let along = Math.min(
          fromEach[i][seg.a] + sj.fraction * seg.lengthM,
          fromEach[i][seg.b] + (1 - sj.fraction) * seg.lengthM,
        );
        if (si.segment === sj.segment) along = Math.min(along, Math.abs(si.fraction - sj.fraction) * seg.lengthM);
        const viaStreets = si.offsetM + along + sj.offsetM;
        // Disconnected pieces of the network (or a short cut across a plaza the
        // centerlines miss) fall back to the straight line.
        const straight = straightLineM(points[i], points[j]);
        matrix[i][j] = matrix[j][i] = Number.isFinite(viaStreets) ? Math.max(viaStreets, straight) : straight;
      }
    }
    return matrix;
  }
}

/** Binary heap of (vertex, distance) for Dijkstra. */
class MinHeap {
  private readonly items: [number, number][] = [];
  get size() {
    return this.items.length;
  }
  push(v: number, d: number) {
    const items = this.items;
    items.push([v, d]);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent][1] <= items[i][1]) break;
      [items[parent], items[i]] = [items[i], items[parent]];
      i = parent;
    }
  }
  pop(): [number, number] {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < items.length && items[l][1] < items[smallest][1]) smallest = l;
        if (r < items.length && items[r][1] < items[smallest][1]) smallest = r;
        if (smallest === i) break;
        [items[smallest], items[i]] = [items[i], items[smallest]];
        i = smallest;
      }
    }
    return top;
  }
}
