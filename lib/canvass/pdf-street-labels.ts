/**
 * Where to write street names on the canvass sheet's map. Paper has no tiles,
 * so the names are what lets someone find the street: each named street gets
 * a label along its longest straight-enough stretch inside the map, turned to
 * the street's direction and kept upright, with a repeat on a long street, and
 * no label over another. NG9-1-1 centerlines are split at every intersection,
 * so a street's pieces are chained end to end first. Pure (page coordinates in
 * points, y down); the caller measures text.
 */

export type PagePoint = [number, number];

export interface StreetLabel {
  name: string;
  /** Centre of the label on the page. */
  x: number;
  y: number;
  /** Degrees, clockwise on the page (y down), in (-90, 90]: never upside down. */
  angleDeg: number;
  width: number;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const SAME_POINT = 0.5;
/** A repeated label of the same street at least this far (points) from the first. */
const REPEAT_AFTER = 260;
/** How far (points) a label slides along its street looking for a clear place. */
const SLIDE_STEP = 6;

const near = (a: PagePoint, b: PagePoint) => Math.abs(a[0] - b[0]) < SAME_POINT && Math.abs(a[1] - b[1]) < SAME_POINT;

/** Pieces of one street joined where one ends and the next begins (either way round). */
export function chainLines(lines: PagePoint[][]): PagePoint[][] {
  const pending = lines.filter((l) => l.length >= 2).map((l) => [...l]);
  const chains: PagePoint[][] = [];
  while (pending.length) {
    let chain = pending.shift()!;
    let grown = true;
    while (grown) {
      grown = false;
      for (let i = 0; i < pending.length; i++) {
        const line = pending[i];
        const head = chain[0];
        const tail = chain[chain.length - 1];
        if (near(tail, line[0])) chain = [...chain, ...line.slice(1)];
        else if (near(tail, line[line.length - 1])) chain = [...chain, ...[...line].reverse().slice(1)];
        else if (near(head, line[line.length - 1])) chain = [...line.slice(0, -1), ...chain];
        else if (near(head, line[0])) chain = [...[...line].reverse().slice(0, -1), ...chain];
        else continue;
        pending.splice(i, 1);
        grown = true;
        break;
      }
    }
    chains.push(chain);
  }
  return chains;
}

/** Liang–Barsky: the part of segment a→b inside the rectangle, or null. */
function clipSegment(a: PagePoint, b: PagePoint, r: Rect): [PagePoint, PagePoint] | null {
  let t0 = 0;
  let t1 = 1;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const edges: [number, number][] = [
    [-dx, a[0] - r.x],
    [dx, r.x + r.width - a[0]],
    [-dy, a[1] - r.y],
    [dy, r.y + r.height - a[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return null;
  }
  return [
    [a[0] + t0 * dx, a[1] + t0 * dy],
    [a[0] + t1 * dx, a[1] + t1 * dy],
  ];
}

/**
 * Stretches of a polyline inside the rectangle where the direction bends by
 * less than `maxBendDeg` from the stretch's start: a label is written along a
 * straight line, so it must not cross a corner.
 */
export function straightRunsInside(line: PagePoint[], r: Rect, maxBendDeg = 20): PagePoint[][] {
  const runs: PagePoint[][] = [];
  let run: PagePoint[] = [];
  let runAngle: number | null = null;
  const flush = () => {
    if (run.length >= 2) runs.push(run);
    run = [];
    runAngle = null;
  };
  for (let i = 1; i < line.length; i++) {
    const clipped = clipSegment(line[i - 1], line[i], r);
    if (!clipped) {
      flush();
      continue;
    }
    const [a, b] = clipped;
    if (Math.hypot(b[0] - a[0], b[1] - a[1]) < 1e-6) continue;
    const angle = (Math.atan2(b[1] - a[1], b[0] - a[0]) * 180) / Math.PI;
    const continues = run.length > 0 && near(run[run.length - 1], a);
    const bend = runAngle === null ? 0 : Math.abs(((angle - runAngle + 540) % 360) - 180);
    if (!continues || bend > maxBendDeg) {
      flush();
      run = [a];
      runAngle = angle;
    }
    run.push(b);
  }
  flush();
  return runs;
}

function runLength(run: PagePoint[]): number {
  let total = 0;
  for (let i = 1; i < run.length; i++) total += Math.hypot(run[i][0] - run[i - 1][0], run[i][1] - run[i - 1][1]);
  return total;
}

function pointAlong(run: PagePoint[], distance: number): PagePoint {
  let left = distance;
  for (let i = 1; i < run.length; i++) {
    const step = Math.hypot(run[i][0] - run[i - 1][0], run[i][1] - run[i - 1][1]);
    if (left <= step || i === run.length - 1) {
      const t = step === 0 ? 0 : Math.min(1, left / step);
      return [run[i - 1][0] + t * (run[i][0] - run[i - 1][0]), run[i - 1][1] + t * (run[i][1] - run[i - 1][1])];
    }
    left -= step;
  }
  return run[run.length - 1];
}

/** The page box a rotated label covers (axis-aligned, padded). */
function labelBox(l: Pick<StreetLabel, "x" | "y" | "angleDeg" | "width">, height: number): Rect {
  const a = (l.angleDeg * Math.PI) / 180;
  const w = Math.abs(l.width * Math.cos(a)) + Math.abs(height * Math.sin(a)) + 2;
  const h = Math.abs(l.width * Math.sin(a)) + Math.abs(height * Math.cos(a)) + 2;
  return { x: l.x - w / 2, y: l.y - h / 2, width: w, height: h };
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Labels for the named streets inside `area`. `textWidth` measures a name at
 * the label size; `height` is the label's line height. `avoid` are page boxes
 * labels must not cover (the incident's own label, say).
 */
export function placeStreetLabels(
  streets: { name: string; line: PagePoint[] }[],
  area: Rect,
  textWidth: (name: string) => number,
  height: number,
  avoid: Rect[] = [],
): StreetLabel[] {
  const byName = new Map<string, PagePoint[][]>();
  for (const s of streets) {
    if (!s.name.trim()) continue;
    byName.set(s.name, [...(byName.get(s.name) ?? []), s.line]);
  }
  const taken: Rect[] = [...avoid];
  const labels: StreetLabel[] = [];
  // Longest streets first: they are the ones people navigate by.
  const candidates = [...byName.entries()].map(([name, lines]) => {
    const width = textWidth(name);
    const runs = chainLines(lines)
      .flatMap((chain) => straightRunsInside(chain, area))
      .map((run) => ({ run, length: runLength(run) }))
      .filter((r) => r.length >= width + 8)
      .sort((a, b) => b.length - a.length);
    return { name, width, runs, total: runs.reduce((s, r) => s + r.length, 0) };
  });
  candidates.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  for (const { name, width, runs } of candidates) {
    const placed: StreetLabel[] = [];
    for (const { run, length } of runs) {
      // Try the middle of the stretch first, then points ever further either side of it.
      const lo = width / 2 + 2;
      const hi = length - width / 2 - 2;
      const tries = [length / 2];
      for (let step = SLIDE_STEP; length / 2 - step >= lo || length / 2 + step <= hi; step += SLIDE_STEP) tries.push(length / 2 - step, length / 2 + step);
      placing: for (const t of tries) {
        const centreAt = Math.min(Math.max(t, lo), hi);
        const [onX, onY] = pointAlong(run, centreAt);
        if (placed.some((p) => Math.hypot(p.x - onX, p.y - onY) < REPEAT_AFTER)) continue;
        const from = pointAlong(run, centreAt - width / 2);
        const to = pointAlong(run, centreAt + width / 2);
        let angleDeg = (Math.atan2(to[1] - from[1], to[0] - from[0]) * 180) / Math.PI;
        if (angleDeg > 90) angleDeg -= 180;
        if (angleDeg <= -90) angleDeg += 180;
        // On the line, else beside it on either side (a stop or another name may sit on the line).
        const normal = ((angleDeg + 90) * Math.PI) / 180;
        for (const shift of [0, height / 2 + 3, -(height / 2 + 3)]) {
          const label = { name, x: onX + shift * Math.cos(normal), y: onY + shift * Math.sin(normal), angleDeg, width };
          const box = labelBox(label, height);
          const inside = box.x >= area.x && box.y >= area.y && box.x + box.width <= area.x + area.width && box.y + box.height <= area.y + area.height;
          if (!inside || taken.some((t) => overlaps(t, box))) continue;
          taken.push(box);
          placed.push(label);
          break placing;
        }
      }
    }
    labels.push(...placed);
  }
  return labels;
}
