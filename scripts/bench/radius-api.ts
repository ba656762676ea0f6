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
 */
import { benchPoint, DEFAULT_SEED, type BenchArea } from "./generate-sites";
import { RADIUS_M } from "./radius-query";
import { percentile, round } from "./support/stats";

/** Which series a request belongs to: the paged one, the `limit=all` one, or the old interleaving of both. */
export type ApiSeries = "paged" | "all" | "alternated";

export interface ApiStep {
  series: ApiSeries;
  /** Index of the bench point (benchPoint's i). */
  point: number;
  /** `limit=all` (else the default first page). */
  all: boolean;
  /** False for the untimed request that opens each streak. */
  timed: boolean;
}

export const API_SERIES: readonly ApiSeries[] = ["paged", "all", "alternated"];

/**
 * The order of the API phase's requests: `iterations` points in blocks of `blockSize`; in each block one
 * streak per series, the series' order rotated from block to block (so none always follows the same other
 * one or always gets the points' warmed caches first). Each streak begins with an untimed request of its own
 * kind (at the block's first point), so no timed request follows another series' request. The alternated
 * streak asks each point twice (paged and `limit=all`, which first alternating by point, as the bench did
 * before), and times both. Every series times each point exactly once (the alternated series once per kind).
 */
export function apiSchedule(iterations: number, blockSize = 10): ApiStep[] {
  const steps: ApiStep[] = [];
  for (let start = 0, block = 0; start < iterations; start += blockSize, block++) {
    const points = Array.from({ length: Math.min(blockSize, iterations - start) }, (_, k) => start + k);
    for (let s = 0; s < API_SERIES.length; s++) {
      const series = API_SERIES[(block + s) % API_SERIES.length];
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

export async function measureRadiusApi(baseUrl: string, token: string, options: { iterations: number; area?: BenchArea }) {
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const call = async (i: number, all: boolean) => {
    const { lat, lng } = benchPoint(DEFAULT_SEED + 1, i, options.area);
    const url = `${baseUrl}/api/cameras/near?lat=${lat.toFixed(6)}&lng=${lng.toFixed(6)}&radius=${RADIUS_M}&at=${encodeURIComponent(at)}${all ? "&limit=all" : ""}`;
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`GET /api/cameras/near answered ${res.status}: ${body.slice(0, 200)}`);
    const answer = JSON.parse(body) as { features: unknown[]; page?: { total: number } };
    return { ms, features: answer.features.length, total: answer.page?.total ?? answer.features.length, bytes: body.length };
  };
  // Warm-up: the first requests compile routes and fill the connection pool.
  for (let i = 0; i < 10; i++) {
    await call(20_000 + i, false);
    await call(20_000 + i, true);
  }
  const paged = { times: [] as number[], features: [] as number[], totals: [] as number[], bytes: [] as number[] };
  const all = { times: [] as number[], bytes: [] as number[] };
  const alternated = { paged: [] as number[], all: [] as number[] };
  for (const step of apiSchedule(options.iterations)) {
    const r = await call(step.point, step.all);
    if (!step.timed) continue;
    if (step.series === "alternated") (step.all ? alternated.all : alternated.paged).push(r.ms);
    else if (step.all) {
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
  return {
    radiusApiP50Ms: ms(paged.times, 50),
    radiusApiP95Ms: ms(paged.times, 95),
    radiusAnswerKb: round(percentile(paged.bytes, 50) / 1024, 1),
    radiusApiAllP50Ms: ms(all.times, 50),
    radiusApiAllP95Ms: ms(all.times, 95),
    radiusAnswerAllKb: round(percentile(all.bytes, 50) / 1024, 1),
    radiusApiAlternatedP50Ms: ms(alternated.paged, 50),
    radiusApiAlternatedP95Ms: ms(alternated.paged, 95),
    detail:
      `${options.iterations} points, median ${percentile(paged.totals, 50)} sites found, ${percentile(paged.features, 50)} in the first page, ` +
      `${Math.round(percentile(paged.bytes, 50) / 1024)} KB per page, paged requests in their own streaks; limit=all in its own: p50 ${ms(all.times, 50)} ms, ` +
      `p95 ${ms(all.times, 95)} ms, ${Math.round(percentile(all.bytes, 50) / 1024)} KB; the old interleaving (each paged request beside a limit=all one): ` +
      `paged p50 ${ms(alternated.paged, 50)} / p95 ${ms(alternated.paged, 95)} ms, limit=all p50 ${ms(alternated.all, 50)} / p95 ${ms(alternated.all, 95)} ms`,
  };
}
