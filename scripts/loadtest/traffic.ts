/**
 * The traffic: two autocannon instances at once on the same app, so each
 * request kind has its own latency record — public registrations (POST
 * /api/registrations, mostly geocodable addresses, some not) and staff radius
 * queries (GET /api/cameras/near with the API token). Every registration
 * carries a unique e-mail, so the ones cut off by the time limit can be told
 * apart from the ones answered.
 */
import autocannon from "autocannon";
import { registrationPayload, ungeocodableAddress } from "../support/registration-payloads";
import type { LoadTestDatabase } from "./scratch";

export interface KindRecord {
  latenciesMs: number[];
  statuses: Record<string, number>;
  /** Timeouts and connection errors (no HTTP answer). */
  errors: number;
  /** Bytes received for the answers (headers and body as sent: compressed when gzip was asked and given). */
  bytes: number;
}

export interface TrafficResult {
  durationS: number;
  registrations: KindRecord & {
    /** e-mail → the HTTP status it was answered with; absent = sent, never answered. */
    answered: Map<string, number>;
    sent: Set<string>;
    created: Map<string, string>; // e-mail → id, from the 201 bodies
    cameras: Map<string, number>; // e-mail → cameras sent
  };
  near: KindRecord;
}

const UNGEOCODABLE_SHARE = 0.1;
const RADII_M = [100, 250, 500, 1000];

function emptyRecord(): KindRecord {
  return { latenciesMs: [], statuses: {}, errors: 0, bytes: 0 };
}

/** Start one autocannon run; its promise settles when it has finished. */
function start(options: autocannon.Options, record: KindRecord): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
    track(instance, record);
  });
}

function track(instance: autocannon.Instance, record: KindRecord) {
  instance.on("response", (_client, statusCode, bytes, responseTime) => {
    record.bytes += bytes;
    record.latenciesMs.push(responseTime);
    record.statuses[statusCode] = (record.statuses[statusCode] ?? 0) + 1;
  });
  instance.on("reqError", () => {
    record.errors++;
  });
}

export async function runTraffic(
  baseUrl: string,
  database: LoadTestDatabase,
  options: { seconds: number; connections: number; maxRequests: number; tag: string; gzip?: boolean },
): Promise<TrafficResult> {
  const registrationConnections = Math.max(1, Math.round(options.connections / 2));
  const nearConnections = Math.max(1, options.connections - registrationConnections);
  const result: TrafficResult = {
    durationS: 0,
    registrations: { ...emptyRecord(), answered: new Map(), sent: new Set(), created: new Map(), cameras: new Map() },
    near: emptyRecord(),
  };
  const reg = result.registrations;
  let n = 0;
  const started = Date.now();

  const registrations = start({
    url: baseUrl,
    connections: registrationConnections,
    duration: options.seconds,
    maxOverallRequests: Math.ceil(options.maxRequests / 2),
    timeout: 30,
    requests: [
      {
        method: "POST",
        path: "/api/registrations",
        headers: { "content-type": "application/json", "user-agent": "sightline-loadtest" },
        setupRequest: (request, context) => {
          const i = n++;
          const address =
            Math.random() < UNGEOCODABLE_SHARE ? ungeocodableAddress(i) : database.addresses[i % database.addresses.length];
          const { body, email, cameras } = registrationPayload(options.tag, i, address);
          (context as { email?: string }).email = email;
          reg.sent.add(email);
          reg.cameras.set(email, cameras);
          return { ...request, body: JSON.stringify(body) };
        },
        onResponse: (status, body, context) => {
          const email = String((context as { email?: string }).email);
          reg.answered.set(email, status);
          if (status === 201) reg.created.set(email, String((JSON.parse(body) as { id: string }).id));
        },
      },
    ],
  }, reg);

  const { minLat, maxLat, minLng, maxLng } = database.bbox;
  const near = start({
    url: baseUrl,
    connections: nearConnections,
    duration: options.seconds,
    maxOverallRequests: Math.floor(options.maxRequests / 2),
    timeout: 30,
    requests: [
      {
        method: "GET",
        path: "/api/cameras/near",
        headers: {
          authorization: `Bearer ${database.token}`,
          "user-agent": "sightline-loadtest",
          // As a browser or an HTTP client library asks; autocannon counts the bytes, it does not inflate them.
          ...(options.gzip ? { "accept-encoding": "gzip" } : {}),
        },
        setupRequest: (request) => {
          const lat = (minLat + Math.random() * (maxLat - minLat)).toFixed(6);
          const lng = (minLng + Math.random() * (maxLng - minLng)).toFixed(6);
          const radius = RADII_M[Math.floor(Math.random() * RADII_M.length)];
          const daysAgo = Math.floor(Math.random() * 20);
          const at = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
          return { ...request, path: `/api/cameras/near?lat=${lat}&lng=${lng}&radius=${radius}&at=${encodeURIComponent(at)}` };
        },
      },
    ],
  }, result.near);

  await Promise.all([registrations, near]);
  result.durationS = (Date.now() - started) / 1000;
  return result;
}
