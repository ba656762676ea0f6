/**
 * radiusApiP50Ms / radiusApiP95Ms: GET /api/cameras/near (500 m) on the
 * running app with an API token, one request at a time, timed from this
 * process (request sent to body read): the route's auth, validation, search,
 * ranking, audit entry and JSON, plus loopback HTTP. radiusAnswerKb: the
 * median answer's size before compression (deterministic for a seed).
 */
import { benchPoint, DEFAULT_SEED, type BenchArea } from "./generate-sites";
import { RADIUS_M } from "./radius-query";
import { percentile, round } from "./support/stats";

export async function measureRadiusApi(baseUrl: string, token: string, options: { iterations: number; area?: BenchArea }) {
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const call = async (i: number) => {
    const { lat, lng } = benchPoint(DEFAULT_SEED + 1, i, options.area);
    const url = `${baseUrl}/api/cameras/near?lat=${lat.toFixed(6)}&lng=${lng.toFixed(6)}&radius=${RADIUS_M}&at=${encodeURIComponent(at)}`;
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`GET /api/cameras/near answered ${res.status}: ${body.slice(0, 200)}`);
    return { ms, features: (JSON.parse(body) as { features: unknown[] }).features.length, bytes: body.length };
  };
  // Warm-up: the first requests compile routes and fill the connection pool.
  for (let i = 0; i < 10; i++) await call(20_000 + i);
  const times: number[] = [];
  const features: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const r = await call(i);
    times.push(r.ms);
    features.push(r.features);
    bytes.push(r.bytes);
  }
  return {
    radiusApiP50Ms: round(percentile(times, 50), 2),
    radiusApiP95Ms: round(percentile(times, 95), 2),
    radiusAnswerKb: round(percentile(bytes, 50) / 1024, 1),
    detail: `${options.iterations} requests, median ${percentile(features, 50)} sites, ${Math.round(percentile(bytes, 50) / 1024)} KB per answer`,
  };
}
