/**
 * npm run loadtest -- [--seconds 60] [--connections 50] [--max-requests 200000] [--instances 1|2] [--out loadtest-results.json]
 *                      [--gzip] [--proxy] [--warmup 0] [--cpu-prof DIR]
 *
 * Starts the built app (`next start`, building first if needed) on a scratch
 * database — embedded, or a fresh database on DATABASE_URL's server — runs
 * C concurrent clients for S seconds (public registrations mixed with staff
 * radius queries), stops the app, then proves from the database that every
 * registration answered 201 is there, whole, and nothing else was created.
 * Exit code 1 when any server error, unanswered request other than the
 * time-limit cut-off, unexpected status, lost or half-written row is found.
 *
 * `--instances 2` (server database only) starts two app instances behind
 * Debian's nginx, as the README's deployment section describes, and sends the
 * traffic to the proxy; the figures are written under "server-2-instances".
 *
 * `--gzip`: the radius queries ask for gzip (`Accept-Encoding: gzip`), as
 * browsers and most HTTP clients do; without it every answer is sent
 * uncompressed, whatever the app's setting. `--proxy` puts nginx in front of
 * a single instance too. Behind nginx (`--proxy`, `--instances 2`) nginx
 * gzips and the app runs with HTTP_COMPRESSION=proxy, as README "Deploying"
 * recommends.
 *
 * `--warmup S` first sends the same traffic for S seconds, unmeasured (the
 * app compiles its routes and the JIT warms up on the first requests: with
 * a few hundred requests a run, that fixed cost would be counted in every
 * request's CPU time). Its registrations carry their own tag and are left
 * out of the accounting.
 *
 * `--cpu-prof DIR` starts each app instance under `node --cpu-prof` and
 * prints the heaviest functions of its profile (scripts/loadtest/profile.ts):
 * where a request's time goes under this load.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { ensureBuild, freePort, startBuiltApp, type RunningApp } from "../support/next-app";
import { nginxBinary, startNginxProxy, type RunningProxy } from "../support/nginx-proxy";
import { traceRegistrations } from "../support/registration-integrity";
import { processTree, processTreePeakRssMb } from "../bench/support/stats";
import { databaseBackendPids, processCpuSeconds, sumCpuSeconds } from "./cpu-time";
import { printProfiles } from "./profile";
import { accountRegistrations, kindFigures, serverErrors } from "./report";
import { prepareLoadTestDatabase } from "./scratch";
import { runTraffic } from "./traffic";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    seconds: { type: "string", default: "60" },
    connections: { type: "string", default: "50" },
    "max-requests": { type: "string", default: "200000" },
    instances: { type: "string", default: "1" },
    out: { type: "string", default: "loadtest-results.json" },
    "cpu-prof": { type: "string" },
    gzip: { type: "boolean", default: false },
    warmup: { type: "string", default: "0" },
    proxy: { type: "boolean", default: false },
  },
});
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
if (!Number.isInteger(warmupSeconds) || warmupSeconds < 0 || warmupSeconds > 600) {
  console.error("error: --warmup must be a whole number of seconds from 0 to 600");
  process.exit(1);
}
const connections = Number(values.connections);
const maxRequests = Number(values["max-requests"]);
for (const [name, v, max] of [["seconds", seconds, 3600], ["connections", connections, 1000], ["max-requests", maxRequests, 10_000_000]] as const) {
  if (!Number.isInteger(v) || v < (name === "connections" ? 2 : 1) || v > max) {
    console.error(`error: --${name} must be a whole number from ${name === "connections" ? 2 : 1} to ${max}`);
    process.exit(1);
  }
}

const kind = process.env.DATABASE_URL ? "server" : "embedded";
const instances = Number(values.instances);
if (instances !== 1 && instances !== 2) {
  console.error("error: --instances must be 1 or 2");
  process.exit(1);
}
if (instances === 2 && kind === "embedded") {
  console.error("error: --instances 2 needs DATABASE_URL (the embedded database belongs to one process)");
  process.exit(1);
}
const behindProxy = instances === 2 || values.proxy === true;
const gzip = values.gzip === true;
if (behindProxy && !nginxBinary()) {
  console.error("error: --instances 2 and --proxy need nginx (Debian: apt-get install nginx; scripts/ci/install-system-packages.sh installs it)");
  process.exit(1);
}
const resultKey = `${kind}${instances === 2 ? "-2-instances" : behindProxy ? "-behind-nginx" : ""}${gzip ? "-gzip" : ""}`;
const tag = `loadtest-${crypto.randomBytes(4).toString("hex")}`;
const logFile = path.join(os.tmpdir(), `sightline-${tag}-app.log`);
const profileDir = values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : null;
const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];

ensureBuild();
console.log(`preparing a scratch ${kind} database (demo data, a detective and an API token)…`);
const database = await prepareLoadTestDatabase(kind);
if (database.runtimeRole) console.log(`the app connects as the runtime role ${database.runtimeRole} (npm run db:grant's grants; DATABASE_ROLE_CHECK=refuse)`);
let exitCode = 0;
try {
  const appEnv = {
    ...database.appEnv,
    // The load comes from loopback: make it the trusted network so the
    // per-IP registration limit still runs but never refuses the test.
    RATE_LIMIT_TRUSTED_NETWORKS: "127.0.0.1/32,::1/128",
    RATE_LIMIT_STORE: instances === 2 ? "postgres" : "memory",
    // Local geocoder only: nothing may leave the machine, and no e-mail is sent.
    GEOCODER_PROVIDERS: "local",
    SMTP_URL: "",
    // A scratch database gets scratch secrets (the server mode requires them); two instances must share them.
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || crypto.randomBytes(32).toString("base64url"),
    TOTP_ENCRYPTION_KEY: process.env.TOTP_ENCRYPTION_KEY || crypto.randomBytes(32).toString("hex"),
    // Behind nginx the proxy compresses (README "Deploying"); alone, the app does.
    HTTP_COMPRESSION: behindProxy ? "proxy" : "app",
  };
  let apps: RunningApp[];
  let proxy: RunningProxy | undefined;
  if (behindProxy) {
    const proxyPort = await freePort();
    const shared = { ...appEnv, NEXTAUTH_URL: `http://127.0.0.1:${proxyPort}`, TRUSTED_PROXY_HOPS: "1" };
    const logFileOf = (i: number) => (instances === 1 ? logFile : logFile.replace(/\.log$/, `-${i}.log`));
    apps = await Promise.all(Array.from({ length: instances }, (_, i) => startBuiltApp({ logFile: logFileOf(i), env: shared, nodeArgs })));
    proxy = await startNginxProxy({ upstreams: apps.map((a) => `127.0.0.1:${a.port}`), port: proxyPort, gzip: true });
  } else {
    apps = [await startBuiltApp({ logFile, env: appEnv, nodeArgs })];
  }
  const app = {
    baseUrl: proxy?.baseUrl ?? apps[0].baseUrl,
    stop: async (graceMs: number) => {
      await proxy?.stop();
      await Promise.all(apps.map((a) => a.stop(graceMs)));
    },
  };
  let traffic;
  // Latency on a shared machine says as much about its other jobs as about the app: record the load around the run.
  const warmupTag = `warmup-${tag}`;
  if (warmupSeconds > 0) {
    console.log(`warming up: the same traffic for ${warmupSeconds} s, not measured…`);
    await runTraffic(app.baseUrl, database, { seconds: warmupSeconds, connections, maxRequests, tag: warmupTag, gzip });
  }
  const loadAverageBefore = os.loadavg()[0];
  const runStartedAt = new Date();
  // CPU time per request is what the app costs whatever else the machine runs (scripts/loadtest/cpu-time.ts).
  const appPids = apps.map((a) => a.child.pid);
  const backendsOf = () => (database.serverDatabase ? databaseBackendPids(process.env.DATABASE_URL!, database.serverDatabase).catch(() => []) : Promise.resolve([]));
  const backendsAtStart = await backendsOf();
  // nginx's master and workers: the proxy's CPU is part of what a request costs the machine behind it.
  const proxyPids = proxy ? [...(processTree(proxy.pid) ?? [])] : [];
  const cpuAtStart = {
    app: sumCpuSeconds(appPids),
    backends: new Map(backendsAtStart.map((pid) => [pid, processCpuSeconds(pid) ?? 0])),
    proxy: sumCpuSeconds(proxyPids),
    client: process.cpuUsage(),
  };
  let cpu: { appS: number | null; databaseS: number | null; proxyS: number | null; clientS: number } | undefined;
  let appPeakRssMb: (number | null)[] = [];
  try {
    const target = instances === 2 ? "two instances behind nginx" : behindProxy ? "app behind nginx" : "app";
    console.log(`${target} up at ${app.baseUrl} (log: ${logFile}); ${connections} connections for ${seconds} s${gzip ? ", radius queries ask for gzip" : ""}…`);
    traffic = await runTraffic(app.baseUrl, database, { seconds, connections, maxRequests, tag, gzip });
    const appNow = sumCpuSeconds(appPids);
    const backendsNow = await backendsOf();
    const databaseS = backendsNow.length ? sumCpuSeconds(backendsNow)! - backendsNow.reduce((sum, pid) => sum + (cpuAtStart.backends.get(pid) ?? 0), 0) : null;
    const proxyNow = sumCpuSeconds(proxyPids);
    const client = process.cpuUsage(cpuAtStart.client);
    cpu = {
      appS: appNow !== null && cpuAtStart.app !== null ? appNow - cpuAtStart.app : null,
      databaseS,
      proxyS: proxyNow !== null && cpuAtStart.proxy !== null ? proxyNow - cpuAtStart.proxy : null,
      clientS: (client.user + client.system) / 1e6,
    };
    // What the app instances held at most (V8's young generation is sized in package.json's start script).
    appPeakRssMb = appPids.map((pid) => (pid ? processTreePeakRssMb(pid) : null));
  } finally {
    // Stopped before counting: its last in-flight writes must have finished (and the embedded lock be free).
    await app.stop(15_000);
  }
  const loadAverageAfter = os.loadavg()[0];

  const handle = await database.open();
  let accounting;
  try {
    const tagged = await traceRegistrations(handle.db, `${tag}-%`);
    // Warm-up registrations still in flight when the run started may commit during it: they carry their own tag.
    const during = await handle.db.execute(
      sql`select id from registrations where created_at >= ${runStartedAt.toISOString()}::timestamptz and owner_email not like ${`${warmupTag}-%`}`,
    );
    accounting = accountRegistrations(traffic, tagged, (during.rows as { id: string }[]).map((r) => r.id));
  } finally {
    await handle.close();
  }

  const registration = kindFigures(traffic.registrations);
  const near = kindFigures(traffic.near);
  const total = registration.requests + near.requests;
  const fiveXx = serverErrors(traffic.registrations) + serverErrors(traffic.near);
  const unexpected = {
    registration: Object.entries(registration.statuses).filter(([code]) => code !== "201"),
    near: Object.entries(near.statuses).filter(([code]) => code !== "200"),
  };
  // Unanswered beyond the one in-flight request per connection cut off at the time limit = timeouts / dropped connections.
  const unanswered = registration.noAnswer + near.noAnswer;
  const checks = {
    noServerErrors: fiveXx === 0,
    onlyExpectedStatuses: unexpected.registration.length === 0 && unexpected.near.length === 0,
    every201Present: accounting.missing201.length === 0,
    nothingExtra: accounting.rowsWithoutA201.length === 0 && accounting.unexplainedRows.length === 0,
    rowsEqual201s: accounting.rowsCreatedDuringRun === accounting.answered201 + accounting.cutOffCommitted,
    noHalfWrittenRows: accounting.halfWritten.length === 0,
    noTimeouts: unanswered === 0,
  };
  const passed = Object.values(checks).every(Boolean);
  const figures = {
    database: kind,
    instances,
    at: runStartedAt.toISOString(),
    seconds,
    warmupSeconds,
    connections,
    durationS: Math.round(traffic.durationS * 10) / 10,
    totalRequests: total,
    requestsPerSec: Math.round(total / traffic.durationS),
    serverErrors: fiveXx,
    gzip,
    behindProxy,
    // CPU milliseconds per answered request: the app's process(es), its database backends, the load generator.
    cpuMsPerRequest: {
      app: perRequest(cpu?.appS, total),
      database: perRequest(cpu?.databaseS, total),
      proxy: behindProxy ? perRequest(cpu?.proxyS, total) : null,
      loadGenerator: perRequest(cpu?.clientS, total),
    },
    appPeakRssMb,
    registration,
    near,
    registrations: {
      ...accounting,
      missing201: accounting.missing201.length,
      rowsWithoutA201: accounting.rowsWithoutA201.length,
      unexplainedRows: accounting.unexplainedRows.length,
      halfWritten: accounting.halfWritten.length,
    },
    checks,
    passed,
    machine: { cpus: os.cpus().length, node: process.version, loadAverage1m: { before: round2(loadAverageBefore), after: round2(loadAverageAfter) } },
  };

  console.log("");
  console.log(`load test on the ${kind} database${instances === 2 ? " (two instances behind nginx)" : behindProxy ? " (behind nginx)" : ""}${gzip ? ", gzip asked" : ""}: ${figures.durationS} s, ${connections} connections, ${total} requests (${figures.requestsPerSec}/s)`);
  console.table({
    "POST /api/registrations": pick(registration),
    "GET /api/cameras/near": pick(near),
  });
  const c = figures.cpuMsPerRequest;
  console.log(
    `CPU per request: app ${c.app ?? "?"} ms, database backends ${c.database ?? "?"} ms, ${behindProxy ? `nginx ${c.proxy ?? "?"} ms, ` : ""}load generator ${c.loadGenerator ?? "?"} ms; ` +
      `app peak memory ${appPeakRssMb.map((mb) => (mb === null ? "?" : `${mb} MB`)).join(" + ")}`,
  );
  console.log(`server errors (5xx): ${fiveXx}; machine load average (1 min) ${round2(loadAverageBefore)} before, ${round2(loadAverageAfter)} after, ${os.cpus().length} CPUs`);
  console.log(
    `registrations: ${accounting.answered201} answered 201 (${accounting.active} active, ${accounting.pendingReview} pending review); ` +
      `${accounting.rowsCreatedDuringRun} rows created during the run; missing: ${accounting.missing201.length}; ` +
      `half-written: ${accounting.halfWritten.length}; rows without a 201: ${accounting.rowsWithoutA201.length + accounting.unexplainedRows.length}`,
  );
  console.log(
    `cut off by the time limit (in flight when the clients closed): ${accounting.cutOffAtTimeLimit}, of which the server had committed ${accounting.cutOffCommitted}`,
  );
  for (const [name, ok] of Object.entries(checks)) console.log(`${ok ? "ok  " : "FAIL"} ${name}`);
  // A 502/504 comes from nginx, not the app: its error log says why (it is kept after the proxy stops).
  if (proxy && fs.existsSync(proxy.errorLog)) {
    const lines = fs.readFileSync(proxy.errorLog, "utf8").split("\n").filter(Boolean);
    console.log(`nginx error log (${lines.length} lines, ${proxy.errorLog}):`);
    for (const line of lines.slice(-10)) console.log(`  ${line}`);
  }
  if (profileDir) printProfiles(profileDir);

  const out = path.resolve(values.out!);
  const previous = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, unknown>) : {};
  fs.writeFileSync(out, JSON.stringify({ ...previous, [resultKey]: figures }, null, 2) + "\n");
  console.log(`figures written to ${out} (under "${resultKey}")`);
  if (!passed) exitCode = 1;
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await database.drop().catch((err) => console.error(`could not remove the scratch database: ${err}`));
}
process.exit(exitCode);

function perRequest(seconds: number | null | undefined, requests: number): number | null {
  return seconds === null || seconds === undefined || requests === 0 ? null : round2((seconds * 1000) / requests);
}

function round2(v: number) {
  return Math.round(v * 100) / 100;
}

function pick(f: ReturnType<typeof kindFigures>) {
  return { requests: f.requests, "p50 ms": f.p50Ms, "p95 ms": f.p95Ms, "p99 ms": f.p99Ms, "max ms": f.maxMs, "bytes/answer": f.meanAnswerBytes, "no answer": f.noAnswer, statuses: JSON.stringify(f.statuses) };
}
