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

  /**
   * `joinEndsWithinM`: join a line's loose end to the nearest centerline within
   * that many metres. Some sources cut every segment short of the intersection
   * (the TIGER address ranges Nominatim packages stop 5–20 m before the cross
   * street), so no two segments share a vertex and nothing would connect.
   * 0 (the default) joins only identical vertices.
   */
  constructor(centerlines: LngLat[][], { joinEndsWithinM = 0 }: { joinEndsWithinM?: number } = {}) {
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
    // The same piece of street twice (odd and even address ranges) is one segment.
    const seen = new Set<string>();
    for (const line of centerlines) {
      for (let i = 1; i < line.length; i++) {
        const a = vertexId(line[i - 1]);
        const b = vertexId(line[i]);
        const key = a < b ? `${a}-${b}` : `${b}-${a}`;
        if (a === b || seen.has(key)) continue;
        seen.add(key);
        this.segments.push({ a, b, lengthM: straightLineM(this.vertices[a], this.vertices[b]) });
      }
    }
    if (joinEndsWithinM > 0) this.joinLooseEnds(joinEndsWithinM, vertexId);
    for (const { a, b, lengthM } of this.segments) {
      this.adjacency[a].push({ to: b, lengthM });
      this.adjacency[b].push({ to: a, lengthM });
    }
  }

  /** Each vertex with a single neighbour gets a connector to the nearest other segment within `withinM` (split there). */
  private joinLooseEnds(withinM: number, vertexId: (p: LngLat) => number) {
    const neighbours = this.vertices.map(() => new Set<number>());
    for (const { a, b } of this.segments) {
      neighbours[a].add(b);
      neighbours[b].add(a);
    }
    const looseEnds = [...neighbours.keys()].filter((v) => neighbours[v].size === 1);
    if (looseEnds.length === 0) return;
    // A grid of cells `withinM` wide, so each end is compared with what is near it only (a county has 10⁴ segments).
    const kx = 111_320 * Math.cos((this.vertices[looseEnds[0]][1] * Math.PI) / 180);
    const cellOf = ([lng, lat]: LngLat) => [Math.floor((lng * kx) / withinM), Math.floor((lat * 110_540) / withinM)];
    const grid = new Map<string, number[]>();
    const file = (cx: number, cy: number, item: number) => {
      const key = `${cx},${cy}`;
      const list = grid.get(key);
      if (list) list.push(item);
      else grid.set(key, [item]);
    };
    const near = (p: LngLat) => {
      const [cx, cy] = cellOf(p);
      const found: number[] = [];
      for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) found.push(...(grid.get(`${cx + dx},${cy + dy}`) ?? []));
      return found;
    };
    // Ends of different streets that all stop short of the same crossing: join them to each other.
    for (const v of looseEnds) file(...(cellOf(this.vertices[v]) as [number, number]), v);
    const endToEnd: Segment[] = [];
    for (const v of looseEnds) {
      for (const w of near(this.vertices[v])) {
        if (w <= v || neighbours[v].has(w)) continue;
        const lengthM = straightLineM(this.vertices[v], this.vertices[w]);
        if (lengthM <= withinM) endToEnd.push({ a: v, b: w, lengthM });
      }
    }
    // Ends that stop short of a street running on: join them to the nearest point of it.
    grid.clear();
    for (const [i, { a, b }] of this.segments.entries()) {
      const [ax, ay] = cellOf(this.vertices[a]);
      const [bx, by] = cellOf(this.vertices[b]);
      for (let cx = Math.min(ax, bx); cx <= Math.max(ax, bx); cx++) for (let cy = Math.min(ay, by); cy <= Math.max(ay, by); cy++) file(cx, cy, i);
    }
    const joins: { end: number; segment: number; fraction: number }[] = [];
    for (const end of looseEnds) {
      const snap = this.snap(this.vertices[end], new Set(near(this.vertices[end])), (seg) => seg.a !== end && seg.b !== end);
      if (snap && snap.offsetM <= withinM) joins.push({ end, segment: snap.segment, fraction: snap.fraction });
    }
    // Split each joined segment at its join points (in order along it), then add the connectors.
    const bySegment = new Map<number, typeof joins>();
    for (const join of joins) {
      const list = bySegment.get(join.segment);
      if (list) list.push(join);
      else bySegment.set(join.segment, [join]);
    }
    const connectors: { end: number; at: number }[] = [];
    for (const [segmentIndex, onIt] of bySegment) {
      const seg = this.segments[segmentIndex];
      onIt.sort((x, y) => x.fraction - y.fraction);
      let from = seg.a;
      const pieces: Segment[] = [];
      for (const join of onIt) {
        const at = vertexId(this.pointOf(join));
        connectors.push({ end: join.end, at });
        if (at === from || at === seg.b) continue;
        pieces.push({ a: from, b: at, lengthM: straightLineM(this.vertices[from], this.vertices[at]) });
        from = at;
      }
      pieces.push({ a: from, b: seg.b, lengthM: straightLineM(this.vertices[from], this.vertices[seg.b]) });
      this.segments[segmentIndex] = pieces[0];
      this.segments.push(...pieces.slice(1));
    }
    this.segments.push(...endToEnd);
    for (const { end, at } of connectors) {
      if (end !== at) this.segments.push({ a: end, b: at, lengthM: straightLineM(this.vertices[end], this.vertices[at]) });
    }
  }

  get isEmpty(): boolean {
    return this.segments.length === 0;
  }

  /** Nearest point on any segment, in a local flat projection (fine at street scale). */
  snap(p: LngLat, candidates: Iterable<number> = this.segments.keys(), consider: (seg: Segment) => boolean = () => true): Snap | null {
    let best: Snap | null = null;
    const kx = 111_320 * Math.cos((p[1] * Math.PI) / 180);
    const ky = 110_540;
    for (const i of candidates) {
      const seg = this.segments[i];
      if (!consider(seg)) continue;
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
    return this.shortestFrom(snap).dist;
  }

  /** Dijkstra from a snapped point: distance to every vertex and the vertex it was reached from (-1: from the snap). */
  private shortestFrom(snap: Snap): { dist: Float64Array; previous: Int32Array } {
    const dist = new Float64Array(this.vertices.length).fill(Infinity);
    const previous = new Int32Array(this.vertices.length).fill(-1);
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
          previous[edge.to] = v;
          heap.push(edge.to, nd);
        }
      }
    }
    return { dist, previous };
  }

  /** `p` moved onto its nearest centerline, or null when none is within `maxSnapM`. */
  snapPoint(p: LngLat, maxSnapM: number): LngLat | null {
    const snap = this.snap(p);
    return snap && snap.offsetM <= maxSnapM ? this.pointOf(snap) : null;
  }

  /** The point a snap stands for, on its centerline. */
  private pointOf(snap: Pick<Snap, "segment" | "fraction">): LngLat {
    const seg = this.segments[snap.segment];
    const [ax, ay] = this.vertices[seg.a];
    const [bx, by] = this.vertices[seg.b];
    return [ax + (bx - ax) * snap.fraction, ay + (by - ay) * snap.fraction];
  }

  /**
   * The shortest way along the centerlines from `from` to `to`, each end moved
   * onto its nearest centerline: the line from the first snapped point through
   * the intersections to the second. Null when either point is more than
   * `maxSnapM` from every centerline or the graph does not connect them.
   */
  pathAlong(from: LngLat, to: LngLat, maxSnapM: number): { coordinates: LngLat[]; lengthM: number } | null {
    const start = this.snap(from);
    const end = this.snap(to);
    if (!start || !end || start.offsetM > maxSnapM || end.offsetM > maxSnapM) return null;
    const startPoint = this.pointOf(start);
    const endPoint = this.pointOf(end);
    const endSeg = this.segments[end.segment];
    if (start.segment === end.segment) {
      // Along the one segment; never the long way round through the network.
      const lengthM = Math.abs(start.fraction - end.fraction) * endSeg.lengthM;
      return { coordinates: [startPoint, endPoint], lengthM };
    }
    const { dist, previous } = this.shortestFrom(start);
    const viaA = dist[endSeg.a] + end.fraction * endSeg.lengthM;
    const viaB = dist[endSeg.b] + (1 - end.fraction) * endSeg.lengthM;
    const lengthM = Math.min(viaA, viaB);
    if (!Number.isFinite(lengthM)) return null;
    const vertices: LngLat[] = [];
    for (let v = viaA <= viaB ? endSeg.a : endSeg.b; v !== -1; v = previous[v]) vertices.push(this.vertices[v]);
    vertices.reverse();
    const coordinates = [startPoint, ...vertices, endPoint].filter((p, i, all) => i === 0 || vertexKey(p) !== vertexKey(all[i - 1]));
    return { coordinates: coordinates.length >= 2 ? coordinates : [startPoint, endPoint], lengthM };
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
