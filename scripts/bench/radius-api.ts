/**
 * radiusApiP50Ms / radiusApiP95Ms: GET /api/cameras/near (500 m) on the
 * running app with an API token, one request at a time, timed from this
 * process (request sent to body read): the route's auth, validation, search,
 * ranking, audit entry and JSON, plus loopback HTTP. The answer is its first
 * page (the default page size, lib/investigation/result-page.ts), as the map
 * and an integration get it. radiusAnswerKb: the median answer's size before
 * compression (deterministic for a seed).
 *
 * For comparison the same points are asked with `limit=all` (every site in
 * one answer, as before paging): radiusApiAllP50Ms / radiusApiAllP95Ms /
 * radiusAnswerAllKb.
 *
 * Each figure times its own kind of request (issue 18, 2026-11-29): the points are taken in blocks, and in
 * each block the paged requests run one after another, then (or before: the order rotates per block) the
 * `limit=all` requests, each streak opened by one untimed request of its kind. Until then every paged request
 * was timed right after a `limit=all` one (~420 KB of JSON at the 1M run's density), whose garbage and
 * compression work could fall into the paged request's time (paged p50 15–20% higher than in streaks of their own
 * in two runs at the same points, no difference in a third: README, Benchmarks). That old interleaving is still measured, at the same
 * points, as its own streak in each block (radiusApiAlternatedP50Ms / radiusApiAlternatedP95Ms: the paged
 * requests of it), so runs before and after the change can be compared.
 *
 * The fixed parts of a request (issue 18, 2026-11-30), measured in the same phase, through the same app and
 * client, each in streaks of its own like the above:
 * - httpFloorP50Ms / httpFloorP95Ms: the cheapest authenticated API request the app has, GET /api/canvass/mine
 *   (HTTP_FLOOR_PATH): the same withRole token check as the search, then one indexed read of the caller's
 *   canvass assignments, none for the bench's account: `{"items":[]}`. No search, no audit entry: what Next.js
 *   in and out, the token check and one small statement cost. Asked with `accept-encoding: identity`, as Next.js
 *   would gzip even those 12 bytes (a route handler's answer has no length for compression's threshold), so the
 *   floor holds no compression and paged minus identity below is all of it.
 * - radiusApiIdentityP50Ms / radiusApiIdentityP95Ms: the paged search asked with `accept-encoding: identity`, so
 *   the app does not gzip it (nor the client inflate it); paged minus identity is what compression costs.
 */
import { benchPoint, DEFAULT_SEED, type BenchArea } from "./generate-sites";
import { RADIUS_M } from "./radius-query";
import { percentile, round } from "./support/stats";

/**
 * Which series a request belongs to: the paged one, the `limit=all` one, the old interleaving of both, the paged
 * one without compression, or the HTTP floor (HTTP_FLOOR_PATH; its `point` only counts it).
 */
export type ApiSeries = "paged" | "all" | "alternated" | "identity" | "floor";

/** The cheapest authenticated route (see above): withRole("detective"), one small read, no audit entry. */
export const HTTP_FLOOR_PATH = "/api/canvass/mine";

export interface ApiStep {
  series: ApiSeries;
  /** Index of the bench point (benchPoint's i). */
  point: number;
  /** `limit=all` (else the default first page). */
  all: boolean;
  /** False for the untimed request that opens each streak. */
  timed: boolean;
}

export const API_SERIES: readonly ApiSeries[] = ["paged", "all", "alternated", "identity", "floor"];

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The series' order in block `block`: position s holds series (block + k·s) mod n, with the stride k stepping
 * through the numbers coprime with n, changing every n blocks. Over each n blocks every series takes every
 * position once (none always gets the points' warmed caches first); with each new stride every series is
 * preceded by another one, so over n·(n−1) blocks (n prime: 20 for 5 series) every series follows every other
 * equally often. A plain rotation (k = 1 always) put each series after the same other one in every block but
 * one: with the cheap floor series in the list, after the floor's requests every time.
 */
export function blockOrder<T>(block: number, series: readonly T[]): T[] {
  const n = series.length;
  const strides = Array.from({ length: n }, (_, k) => k).filter((k) => k > 0 && gcd(k, n) === 1);
  const k = strides.length > 0 ? strides[Math.floor(block / n) % strides.length] : 1;
  return Array.from({ length: n }, (_, s) => series[(block + k * s) % n]);
}

/**
 * The order of the API phase's requests: `iterations` points in blocks of `blockSize`; in each block one
 * streak per series, in blockOrder's order. Each streak begins with an untimed request of its own
 * kind (at the block's first point), so no timed request follows another series' request. The alternated
 * streak asks each point twice (paged and `limit=all`, which first alternating by point, as the bench did
 * before), and times both. Every series times each point exactly once (the alternated series once per kind).
 */
export function apiSchedule(iterations: number, blockSize = 10): ApiStep[] {
  const steps: ApiStep[] = [];
  for (let start = 0, block = 0; start < iterations; start += blockSize, block++) {
    const points = Array.from({ length: Math.min(blockSize, iterations - start) }, (_, k) => start + k);
    for (const series of blockOrder(block, API_SERIES)) {
      steps.push({ series, point: points[0], all: series === "all", timed: false });
      for (const point of points) {
        if (series !== "alternated") {
          steps.push({ series, point, all: series === "all", timed: true });
          continue;
        }
        const pagedFirst = point % 2 === 0;
        steps.push({ series, point, all: !pagedFirst, timed: true });
        steps.push({ series, point, all: pagedFirst, timed: true });
      }
    }
  }
  return steps;
}

/** What one step asks: the series, and for the alternated one which of its two kinds. */
type Ask = "paged" | "all" | "identity" | "floor";
const askOf = (step: Pick<ApiStep, "series" | "all">): Ask =>
  step.series === "identity" || step.series === "floor" ? step.series : step.all ? "all" : "paged";

export async function measureRadiusApi(baseUrl: string, token: string, options: { iterations: number; area?: BenchArea }) {
  const at = new Date(Date.now() - 86_400_000).toISOString();
  // The content-encodings each kind was answered with (identity must come back uncompressed, or its figure means nothing).
  const encodings: Record<Ask, Set<string>> = { paged: new Set(), all: new Set(), identity: new Set(), floor: new Set() };
  const call = async (i: number, ask: Ask) => {
    const { lat, lng } = benchPoint(DEFAULT_SEED + 1, i, options.area);
    const url =
      ask === "floor"
        ? `${baseUrl}${HTTP_FLOOR_PATH}`
        : `${baseUrl}/api/cameras/near?lat=${lat.toFixed(6)}&lng=${lng.toFixed(6)}&radius=${RADIUS_M}&at=${encodeURIComponent(at)}${ask === "all" ? "&limit=all" : ""}`;
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (ask === "identity" || ask === "floor") headers["accept-encoding"] = "identity";
    const started = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`GET ${new URL(url).pathname} answered ${res.status}: ${body.slice(0, 200)}`);
    const encoding = res.headers.get("content-encoding") ?? "none";
    encodings[ask].add(encoding);
    if (headers["accept-encoding"] && encoding !== "none") throw new Error(`GET ${new URL(url).pathname} with accept-encoding: identity answered ${encoding}`);
    if (ask === "floor") {
      const answer = JSON.parse(body) as { items?: unknown[] };
      if (!Array.isArray(answer.items)) throw new Error(`GET ${HTTP_FLOOR_PATH} answered ${body.slice(0, 200)}`);
      return { ms, features: answer.items.length, total: answer.items.length, bytes: body.length };
    }
    const answer = JSON.parse(body) as { features: unknown[]; page?: { total: number } };
    return { ms, features: answer.features.length, total: answer.page?.total ?? answer.features.length, bytes: body.length };
  };
  // Warm-up: the first requests compile routes and fill the connection pool.
  for (let i = 0; i < 10; i++) {
    for (const ask of ["paged", "all", "identity", "floor"] as const) await call(20_000 + i, ask);
  }
  const paged = { times: [] as number[], features: [] as number[], totals: [] as number[], bytes: [] as number[] };
  const all = { times: [] as number[], bytes: [] as number[] };
  const alternated = { paged: [] as number[], all: [] as number[] };
  const identity: number[] = [];
  const floor = { times: [] as number[], bytes: [] as number[] };
  for (const step of apiSchedule(options.iterations)) {
    const r = await call(step.point, askOf(step));
    if (!step.timed) continue;
    if (step.series === "alternated") (step.all ? alternated.all : alternated.paged).push(r.ms);
    else if (step.series === "identity") identity.push(r.ms);
    else if (step.series === "floor") {
      floor.times.push(r.ms);
      floor.bytes.push(r.bytes);
    } else if (step.all) {
      all.times.push(r.ms);
      all.bytes.push(r.bytes);
    } else {
      paged.times.push(r.ms);
      paged.features.push(r.features);
      paged.totals.push(r.total);
      paged.bytes.push(r.bytes);
    }
  }
  const ms = (xs: number[], p: number) => round(percentile(xs, p), 2);
  const answered = (ask: Ask) => [...encodings[ask]].join("/");
  return {
    radiusApiP50Ms: ms(paged.times, 50),
    radiusApiP95Ms: ms(paged.times, 95),
    radiusAnswerKb: round(percentile(paged.bytes, 50) / 1024, 1),
    radiusApiAllP50Ms: ms(all.times, 50),
    radiusApiAllP95Ms: ms(all.times, 95),
    radiusAnswerAllKb: round(percentile(all.bytes, 50) / 1024, 1),
    radiusApiAlternatedP50Ms: ms(alternated.paged, 50),
    radiusApiAlternatedP95Ms: ms(alternated.paged, 95),
    radiusApiIdentityP50Ms: ms(identity, 50),
    radiusApiIdentityP95Ms: ms(identity, 95),
    httpFloorP50Ms: ms(floor.times, 50),
    httpFloorP95Ms: ms(floor.times, 95),
    detail:
      `${options.iterations} points, median ${percentile(paged.totals, 50)} sites found, ${percentile(paged.features, 50)} in the first page, ` +
      `${Math.round(percentile(paged.bytes, 50) / 1024)} KB per page, paged requests in their own streaks; limit=all in its own: p50 ${ms(all.times, 50)} ms, ` +
      `p95 ${ms(all.times, 95)} ms, ${Math.round(percentile(all.bytes, 50) / 1024)} KB; the old interleaving (each paged request beside a limit=all one): ` +
      `paged p50 ${ms(alternated.paged, 50)} / p95 ${ms(alternated.paged, 95)} ms, limit=all p50 ${ms(alternated.all, 50)} / p95 ${ms(alternated.all, 95)} ms; ` +
      `paged without compression p50 ${ms(identity, 50)} / p95 ${ms(identity, 95)} ms; HTTP floor (GET ${HTTP_FLOOR_PATH}, ${percentile(floor.bytes, 50)} bytes) ` +
      `p50 ${ms(floor.times, 50)} / p95 ${ms(floor.times, 95)} ms; content-encoding: paged ${answered("paged")}, limit=all ${answered("all")}, ` +
      `identity ${answered("identity")}, floor ${answered("floor")}`,
  };
}
