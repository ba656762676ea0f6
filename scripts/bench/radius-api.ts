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
 * one answer, as before paging), alternating with the paged request:
 * radiusApiAllP50Ms / radiusApiAllP95Ms / radiusAnswerAllKb.
 */
import { benchPoint, DEFAULT_SEED, type BenchArea } from "./generate-sites";
import { RADIUS_M } from "./radius-query";
import { percentile, round } from "./support/stats";

export async function measureRadiusApi(baseUrl: string, token: string, options: { iterations: number; area?: BenchArea }) {
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const call = async (i: number, limit?: "all") => {
    const { lat, lng } = benchPoint(DEFAULT_SEED + 1, i, options.area);
    const url = `${baseUrl}/api/cameras/near?lat=${lat.toFixed(6)}&lng=${lng.toFixed(6)}&radius=${RADIUS_M}&at=${encodeURIComponent(at)}${limit ? `&limit=${limit}` : ""}`;
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
    await call(20_000 + i);
    await call(20_000 + i, "all");
  }
  const paged = { times: [] as number[], features: [] as number[], totals: [] as number[], bytes: [] as number[] };
  const all = { times: [] as number[], bytes: [] as number[] };
  for (let i = 0; i < options.iterations; i++) {
    // Alternate which goes first, so neither always gets the other's warmed caches.
    const first = i % 2 === 0 ? await call(i) : null;
    const whole = await call(i, "all");
    const r = first ?? (await call(i));
    paged.times.push(r.ms);
    paged.features.push(r.features);
    paged.totals.push(r.total);
    paged.bytes.push(r.bytes);
    all.times.push(whole.ms);
    all.bytes.push(whole.bytes);
  }
  return {
    radiusApiP50Ms: round(percentile(paged.times, 50), 2),
    radiusApiP95Ms: round(percentile(paged.times, 95), 2),
    radiusAnswerKb: round(percentile(paged.bytes, 50) / 1024, 1),
    radiusApiAllP50Ms: round(percentile(all.times, 50), 2),
    radiusApiAllP95Ms: round(percentile(all.times, 95), 2),
    radiusAnswerAllKb: round(percentile(all.bytes, 50) / 1024, 1),
    detail:
      `${options.iterations} requests, median ${percentile(paged.totals, 50)} sites found, ${percentile(paged.features, 50)} in the first page, ` +
      `${Math.round(percentile(paged.bytes, 50) / 1024)} KB per page; limit=all (alternated): p50 ${round(percentile(all.times, 50), 2)} ms, ` +
      `p95 ${round(percentile(all.times, 95), 2)} ms, ${Math.round(percentile(all.bytes, 50) / 1024)} KB`,
  };
}
