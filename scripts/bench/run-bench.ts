/**
 * npm run bench -- [--sites N] [--area-km K] [--map-sites M] [--iterations I] [--no-app] [--only databases|map|uploads]
 *                   [--databases server,embedded] [--upload-mib MiB[,MiB…]] [--upload-rounds R]
 *                   [--map-profile FILE.cpuprofile] [--port P] [--out FILE]
 *
 * On a scratch embedded database, and a scratch server database when
 * DATABASE_URL is set: geocoding throughput, N synthetic sites, a county-scale
 * grid of street centerlines (generate-streets.ts), the radius and
 * corridor searches timed in the database (indexed and forced full scan), the
 * bulk import, canvass exports, then the radius API on the running app. Then
 * evidence uploads through the running app against a plain fs write (issue
 * 17; --upload-mib, one or more sizes, default 128,512,2048: the ratio goal
 * holds at each, the memory goal is stated at 2048; 0 skips). Then the
 * map with M sites in headless Chromium. Beside the radius API, the fixed parts of a request (an HTTP floor, the
 * search without gzip, a committed audit row: radius-api.ts, commit-floor.ts), for information. Prints a table with the goals of
 * issues 8, 17 and 18 (goals.ts: the radius goals as ratios to the same run's
 * ST_DWithin floor) and writes bench-results.json. Every database it makes is deleted.
 */
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { measureCanvassExport } from "./canvass-export";
import { measureCommitFloor } from "./commit-floor";
import { measureCorridor } from "./corridor-query";
import { requestBreakdown } from "./fixed-costs";
import * as geocodeThroughput from "./geocode-throughput";
import { compareGoals, DATABASE_FIGURE_KEYS, TOP_FIGURE_KEYS, UPLOAD_RATIO_GOAL } from "./goals";
import { BENCH_AREA, benchArea, DEFAULT_AREA_KM, generateSites } from "./generate-sites";
import { BLOCK_M, coneStreetShare, generateStreets } from "./generate-streets";
import { measureImport } from "./import-throughput";
import { measureMap } from "./map-at-scale";
import { measureRadiusApi } from "./radius-api";
import { measureRadius } from "./radius-query";
import { DEFAULT_UPLOAD_MIB, measureUploads, type UploadSizeFigures } from "./upload-throughput";
import { startApp } from "./support/app-server";
import { settleAfterLoad } from "./support/settle";
import { createBenchDatabase, type BenchKind } from "./support/bench-database";
import { createBenchStaff } from "./support/staff";
import { ownPeakRssMb, percentile, round } from "./support/stats";
import { loadDemoReferenceData } from "../../lib/demo/westchester/seed-demo";

const { values: args } = parseArgs({
  options: {
    sites: { type: "string", default: "10000" },
    "area-km": { type: "string", default: String(DEFAULT_AREA_KM) },
    "map-sites": { type: "string", default: "50000" },
    iterations: { type: "string", default: "100" },
    "no-app": { type: "boolean", default: false },
    only: { type: "string" },
    databases: { type: "string" },
    "map-profile": { type: "string" },
    port: { type: "string" },
    "upload-mib": { type: "string", default: DEFAULT_UPLOAD_MIB },
    "upload-rounds": { type: "string", default: "2" },
    out: { type: "string", default: "bench-results.json" },
  },
});

function positiveInt(name: string, raw: string, allowZero = false): number {
  const n = Number(raw.replace(/_/g, "").replace(/k$/i, "000").replace(/m$/i, "000000"));
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) {
    console.error(`error: --${name} must be a whole number${allowZero ? " (0 skips it)" : " above 0"}, e.g. 10000, 100k or 1m (got "${raw}")`);
    process.exit(1);
  }
  return n;
}

const sites = positiveInt("sites", args.sites!);
// The side of the square box the N sites are spread over: 50 km (dense, ~400 sites/km² at 1M) stays the headline.
const areaKm = Number(args["area-km"]);
if (!Number.isFinite(areaKm) || areaKm < 1 || areaKm > 1000) {
  console.error(`error: --area-km must be a number of km from 1 to 1000, e.g. 50 or 300 (got "${args["area-km"]}")`);
  process.exit(1);
}
const area = benchArea(areaKm);
const sitesPerKm2 = round(sites / (areaKm * areaKm), 1);
const mapSites = positiveInt("map-sites", args["map-sites"]!, true);
const iterations = positiveInt("iterations", args.iterations!);
const port = args.port ? positiveInt("port", args.port) : undefined;
if (args.only && !["databases", "map", "uploads"].includes(args.only)) {
  console.error(`error: --only must be "databases", "map" or "uploads" (got "${args.only}")`);
  process.exit(1);
}
// One or more sizes (comma-separated); the ratio goal must hold at each, the memory goal is stated at the largest (2048).
const uploadSizesMiB = args["upload-mib"]!.split(",").map((raw) => positiveInt("upload-mib", raw.trim(), true)).filter((mib) => mib > 0);
const uploadMiB = uploadSizesMiB.length > 0 ? Math.max(...uploadSizesMiB) : 0;
const uploadRounds = positiveInt("upload-rounds", args["upload-rounds"]!);
// The server first: a 1M run on embedded can run out of memory, and the server figures should be in by then.
const available: BenchKind[] = process.env.DATABASE_URL ? ["server", "embedded"] : ["embedded"];
const chosen = args.databases ? args.databases.split(",").map((k) => k.trim()) : available;
for (const k of chosen) {
  if (!available.includes(k as BenchKind)) {
    console.error(`error: --databases ${args.databases}: "${k}" is not available (${k === "server" ? "set DATABASE_URL" : "use embedded or server"})`);
    process.exit(1);
  }
}
const kinds: BenchKind[] = args.only === "map" || args.only === "uploads" ? [] : available.filter((k) => chosen.includes(k));
const runMap = mapSites > 0 && (!args.only || args.only === "map");
const runUploads = uploadMiB > 0 && (!args.only || args.only === "uploads");

const withoutDetail = <T extends { detail: string }>(r: T) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== "detail")) as Omit<T, "detail">;
const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const details: Record<string, string> = {};

async function benchDatabase(kind: BenchKind): Promise<Record<string, number | boolean | null>> {
  // Every documented key is present; what a run does not measure stays null.
  const figures: Record<string, number | boolean | null> = Object.fromEntries(DATABASE_FIGURE_KEYS.map((k) => [k, null]));
  const database = await createBenchDatabase(kind, "main");
  try {
    let handle = await database.open();
    await geocodeThroughput.prepare(handle.db);
    const geocode = await geocodeThroughput.measure(handle.db);
    figures.geocodePerSec = geocode.value;
    details[`${kind}.geocodePerSec`] = geocode.detail;
    log(`${kind}: geocodePerSec ${geocode.value}`);

    // The streets first, as a county's reference data comes before its registry: each camera's street crossing is
    // then decided as it is written (migration 0016's trigger), not by re-testing every camera per street batch.
    const streets = await generateStreets(handle.db, { areaKm });
    log(`${kind}: ${streets.segments} street segments in ${round(streets.ms / 1000, 1)} s`);

    const generated = await generateSites(handle.db, {
      sites,
      areaKm,
      onProgress: (done) => done % 100_000 === 0 && log(`${kind}: ${done.toLocaleString("en-US")} sites`),
    });
    figures.sitesGeneratedPerSec = round(generated.sites / (generated.ms / 1000), 0);
    details[`${kind}.generate`] = `${generated.sites} sites with ${generated.cameras} cameras in ${round(generated.ms / 1000, 1)} s`;
    log(`${kind}: ${details[`${kind}.generate`]}`);

    // The bulk load's write-back out of the way before anything is timed (support/settle.ts).
    details[`${kind}.settle`] = (await settleAfterLoad(handle.db)).detail;
    log(`${kind}: ${details[`${kind}.settle`]}`);

    const coneShare = await coneStreetShare(handle.db);
    details[`${kind}.streets`] = `${streets.segments} centerline segments (${BLOCK_M} m grid) in ${round(streets.ms / 1000, 1)} s; ${round(coneShare * 100, 1)}% of cones cross a street`;
    log(`${kind}: ${details[`${kind}.streets`]}`);

    const radius = await measureRadius(handle.db, { iterations, fullScanIterations: 5, fullScanBudgetMs: 30_000, area });
    details[`${kind}.radius`] = radius.detail;
    Object.assign(figures, withoutDetail(radius));
    figures.radiusDbOverFilter = round(radius.radiusDbP50Ms / radius.radiusFilterDbP50Ms, 2);
    log(`${kind}: ${radius.detail}`);

    const corridor = await measureCorridor(handle.db, { iterations: Math.max(10, Math.round(iterations / 2)), area });
    details[`${kind}.corridor`] = corridor.detail;
    Object.assign(figures, withoutDetail(corridor));

    const imported = await measureImport(handle.db, { rows: 200 });
    figures.importRowsPerSec = imported.importRowsPerSec;
    details[`${kind}.import`] = imported.detail;
    log(`${kind}: import ${imported.importRowsPerSec} rows/s (${imported.detail})`);

    const staff = await createBenchStaff(handle.db, "supervisor");
    const canvass = await measureCanvassExport(handle.db, staff, { repeats: 3, area });
    figures.canvassCsvMs = canvass.canvassCsvMs;
    figures.canvassPdfMs = canvass.canvassPdfMs;
    details[`${kind}.canvass`] = canvass.detail;
    log(`${kind}: canvass CSV ${canvass.canvassCsvMs} ms, PDF ${canvass.canvassPdfMs} ms (${canvass.detail})`);

    // The durable commit floor, on the database the app is about to serve from (commit-floor.ts).
    const commit = await measureCommitFloor(handle.db, { userId: staff.userId, label: staff.email, ip: "127.0.0.1", userAgent: "node" }, { iterations, area });
    figures.auditCommitDbP50Ms = commit.auditCommitDbP50Ms;
    figures.dbRoundTripP50Ms = commit.dbRoundTripP50Ms;
    details[`${kind}.commitFloor`] = commit.detail;
    log(`${kind}: audit commit p50 ${commit.auditCommitDbP50Ms} ms, select 1 ${commit.dbRoundTripP50Ms} ms (${commit.detail})`);

    if (!args["no-app"]) {
      // The embedded data directory admits one process: hand it to the app.
      await handle.close();
      const app = await startApp({ env: database.appEnv, port });
      try {
        const api = await measureRadiusApi(app.baseUrl, staff.token, { iterations, area });
        figures.radiusApiP50Ms = api.radiusApiP50Ms;
        figures.radiusApiP95Ms = api.radiusApiP95Ms;
        figures.radiusApiP95OverFilter = round(api.radiusApiP95Ms / radius.radiusFilterDbP50Ms, 1);
        figures.radiusAnswerKb = api.radiusAnswerKb;
        figures.radiusApiAllP50Ms = api.radiusApiAllP50Ms;
        figures.radiusApiAllP95Ms = api.radiusApiAllP95Ms;
        figures.radiusApiAlternatedP50Ms = api.radiusApiAlternatedP50Ms;
        figures.radiusApiAlternatedP95Ms = api.radiusApiAlternatedP95Ms;
        figures.radiusAnswerAllKb = api.radiusAnswerAllKb;
        // The fixed parts of a request, for information (radius-api.ts, fixed-costs.ts).
        figures.radiusApiIdentityP50Ms = api.radiusApiIdentityP50Ms;
        figures.radiusApiIdentityP95Ms = api.radiusApiIdentityP95Ms;
        figures.httpFloorP50Ms = api.httpFloorP50Ms;
        figures.httpFloorP95Ms = api.httpFloorP95Ms;
        figures.radiusApiP95OverHttpFloor = round(api.radiusApiP95Ms / api.httpFloorP95Ms, 1);
        figures.httpFloorP95OverFilter = round(api.httpFloorP95Ms / radius.radiusFilterDbP50Ms, 1);
        figures.appPeakRssMb = app.peakRssMb();
        details[`${kind}.radiusApi`] = api.detail;
        log(`${kind}: API p50 ${api.radiusApiP50Ms} ms, p95 ${api.radiusApiP95Ms} ms (${api.detail})`);
        details[`${kind}.fixedCosts`] = requestBreakdown({
          apiP50Ms: api.radiusApiP50Ms,
          apiP95Ms: api.radiusApiP95Ms,
          identityP50Ms: api.radiusApiIdentityP50Ms,
          httpFloorP50Ms: api.httpFloorP50Ms,
          httpFloorP95Ms: api.httpFloorP95Ms,
          searchDbP50Ms: radius.radiusDbP50Ms,
          auditCommitDbP50Ms: commit.auditCommitDbP50Ms,
          dbRoundTripP50Ms: commit.dbRoundTripP50Ms,
          filterDbP50Ms: radius.radiusFilterDbP50Ms,
        }).line;
        log(`${kind}: ${details[`${kind}.fixedCosts`]}`);
      } finally {
        await app.stop();
      }
      handle = await database.open();
    }
    await handle.close();
  } finally {
    await database.destroy();
  }
  return figures;
}

async function timeSitesAnswer(baseUrl: string, token: string): Promise<{ ms: number; detail: string }> {
  const { centerLat: lat, centerLng: lng, halfLatDeg: dLat, halfLngDeg: dLng } = BENCH_AREA;
  const url = `${baseUrl}/api/map/sites?bbox=${lng - 2 * dLng},${lat - 2 * dLat},${lng + 2 * dLng},${lat + 2 * dLat}`;
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 4; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    bytes = (await res.arrayBuffer()).byteLength;
    if (i > 0) times.push(performance.now() - started); // the first request compiles the route
  }
  const ms = round(percentile(times, 50), 0);
  return { ms, detail: `median ${ms} ms, ${round(bytes / 2 ** 20, 1)} MB` };
}

async function benchMap(): Promise<Record<string, number>> {
  const database = await createBenchDatabase("embedded", "map");
  try {
    const handle = await database.open();
    await loadDemoReferenceData(handle.db); // the map draws these streets as vectors
    await generateSites(handle.db, { sites: mapSites });
    const staff = await createBenchStaff(handle.db, "detective");
    await handle.close();
    log(`map: ${mapSites} sites ready, starting the app`);
    // Tiles cannot load offline; point them at a closed loopback port so nothing leaves the machine.
    const app = await startApp({ env: { ...database.appEnv, MAP_TILE_URL: "http://127.0.0.1:9/{z}/{x}/{y}.png" }, port });
    try {
      const map = await measureMap({ baseUrl: app.baseUrl, email: staff.email, password: staff.password, loads: 3, profilePath: args["map-profile"] });
      // The same answer fetched from here with the API token: the server's share of the browser's fetch.
      const server = await timeSitesAnswer(app.baseUrl, staff.token);
      details.map = `${mapSites} sites: ${map.detail}; /api/map/sites for the whole area from Node: ${server.detail}`;
      log(`map: ${details.map}`);
      return {
        mapFirstRenderMs: map.mapFirstRenderMs,
        mapPanP95FrameMs: map.mapPanP95FrameMs,
        mapSitesFetchMs: map.mapSitesFetchMs,
        mapSitesServerMs: server.ms,
        mapAppPeakRssMb: app.peakRssMb() ?? Number.NaN,
      };
    } finally {
      await app.stop();
    }
  } finally {
    await database.destroy();
  }
}

const databases: Record<string, Record<string, number | boolean | null>> = {};
const top: Record<string, number | null> = Object.fromEntries(TOP_FIGURE_KEYS.map((k) => [k, null]));
const machine = () => ({ cpus: os.cpus().length, memoryGb: round(os.totalmem() / 2 ** 30, 1), loadAverage1m: round(os.loadavg()[0], 2) });
let uploadSizes: UploadSizeFigures[] = [];
const snapshot = () => ({ at: new Date().toISOString(), sites, areaKm, sitesPerKm2, mapSites, iterations, machine: machine(), ...top, uploadSizes, databases, details });
/** Written after each phase too, so a run that dies later (e.g. embedded out of memory at 1M) keeps what it measured. */
const save = (extra: Record<string, unknown> = {}) => fs.writeFileSync(args.out!, JSON.stringify({ ...snapshot(), ...extra }, null, 2) + "\n");

for (const kind of kinds) {
  log(`${kind}: ${sites.toLocaleString("en-US")} sites`);
  try {
    databases[kind] = await benchDatabase(kind);
  } catch (err) {
    // One database failing (memory, a stopped server) should not lose the other's figures.
    details[`${kind}.error`] = err instanceof Error ? err.message : String(err);
    log(`${kind}: FAILED: ${details[`${kind}.error`]}`);
    process.exitCode = 1;
  }
  save();
}
if (databases.embedded && databases.server) {
  top.embeddedVsServerRatio = round(Number(databases.embedded.radiusDbP50Ms) / Number(databases.server.radiusDbP50Ms), 2);
}
if (runUploads) {
  log(`uploads: ${uploadSizesMiB.join(", ")} MiB × ${uploadRounds} rounds`);
  try {
    const { sizes, ...uploads } = await measureUploads({ sizesMiB: uploadSizesMiB, rounds: uploadRounds, port, log });
    details.uploads = uploads.detail;
    uploadSizes = sizes;
    Object.assign(top, withoutDetail(uploads));
    log(`uploads: lowest ratio ${uploads.uploadVsFsWriteRatio} (${uploads.uploadMiBPerSec} MiB/s vs fs ${uploads.fsWriteMiBPerSec} MiB/s), app RSS +${uploads.uploadRssGrowthMb} MB`);
  } catch (err) {
    details["uploads.error"] = err instanceof Error ? err.message : String(err);
    log(`uploads: FAILED: ${details["uploads.error"]}`);
    process.exitCode = 1;
  }
  save();
}
if (runMap) {
  try {
    Object.assign(top, await benchMap());
  } catch (err) {
    details["map.error"] = err instanceof Error ? err.message : String(err);
    log(`map: FAILED: ${details["map.error"]}`);
    process.exitCode = 1;
  }
}
top.peakRssMb = ownPeakRssMb();
const results = snapshot();
const goals = compareGoals(results as never, sites, areaKm, uploadMiB);

const ran = kinds.filter((k) => databases[k]);
const keys = [...new Set(Object.values(databases).flatMap((d) => Object.keys(d)))];
console.log(`\nSightline bench: ${sites.toLocaleString("en-US")} sites in a ${areaKm} × ${areaKm} km box (${sitesPerKm2}/km²) (map: ${mapSites.toLocaleString("en-US")}), load average ${results.machine.loadAverage1m} on ${results.machine.cpus} CPUs`);
console.table(Object.fromEntries(keys.map((k) => [k, Object.fromEntries(ran.map((kind) => [kind, databases[kind][k]]))])));
console.table(top);
if (uploadSizes.length > 0) {
  console.table(uploadSizes.map((u) => ({ "size MiB": u.mib, "upload MiB/s": u.uploadMiBPerSec, "fs write MiB/s": u.fsWriteMiBPerSec, ratio: u.ratio, [`≥ ${UPLOAD_RATIO_GOAL}`]: u.ratio >= UPLOAD_RATIO_GOAL ? "met" : "NOT MET", "app RSS +MB": u.rssGrowthMb })));
  const missed = uploadSizes.filter((u) => u.ratio < UPLOAD_RATIO_GOAL);
  console.log(
    `upload goal (hashed upload ≥ ${UPLOAD_RATIO_GOAL} × fs write at every size): ${missed.length === 0 ? "MET" : "NOT MET"} — ` +
      uploadSizes.map((u) => `${u.mib} MiB ${u.ratio}`).join(", ") +
      (missed.length > 0 ? `; below at ${missed.map((u) => `${u.mib} MiB`).join(", ")}` : ""),
  );
}
console.table(goals);
for (const [k, v] of Object.entries(details)) console.log(`  ${k}: ${v}`);
save({ goals });
console.log(`wrote ${args.out}`);
