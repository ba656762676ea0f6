/**
 * npm run geocode:accuracy -- [--dataset autauga|westchester] [--file ranges.csv[.gz]] [--count N] [--server]
 *
 * autauga (default): real US Census TIGER/Line address ranges of Autauga
 * County, AL (tests/support/fixtures/geocoding/), measured with everything
 * loaded and with each test address's own segment held out; see
 * lib/geocode/accuracy/reference-accuracy.ts. --file measures any
 * semicolon-separated TIGER-style file (from;to;interpolation;street;city;
 * state;postcode;geometry). westchester: the synthetic demo data (address
 * points + centerlines, and centerlines only). Always a scratch database.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { goalsMet, measureReferenceAccuracy, type RunReport } from "../lib/geocode/accuracy/reference-accuracy";
import { measureAccuracy } from "../lib/demo/westchester/accuracy";
import { loadDemoReferenceData } from "../lib/demo/westchester/seed-demo";
import { createLocalGeocoder } from "../lib/geocode/local";
import { openScratchDatabase } from "./support/scratch-database";

const DATASETS: Record<string, string> = {
  autauga: path.join(import.meta.dirname, "..", "tests", "support", "fixtures", "geocoding", "autauga-al-tiger-ranges.csv.gz"),
};

const { values } = parseArgs({
  options: { dataset: { type: "string" }, file: { type: "string" }, count: { type: "string" }, server: { type: "boolean" } },
});
const dataset = values.dataset ?? (values.file ? "file" : "autauga");
if (dataset !== "westchester" && dataset !== "file" && !DATASETS[dataset]) {
  console.error(`unknown dataset "${dataset}" (known: ${[...Object.keys(DATASETS), "westchester"].join(", ")}, or --file)`);
  process.exit(2);
}

const handle = await openScratchDatabase(values.server ? "server" : "embedded");
try {
  if (dataset === "westchester") {
    await loadDemoReferenceData(handle.db);
    const rows = [];
    for (const [mode, useAddressPoints] of [["address points + centerlines", true], ["centerlines only", false]] as const) {
      const report = await measureAccuracy(createLocalGeocoder(handle.db, { useAddressPoints }));
      rows.push({
        mode,
        queried: report.queried,
        "matched %": (report.matchedShare * 100).toFixed(1),
        "median error m": report.medianErrorM.toFixed(1),
        "p95 error m": report.p95ErrorM.toFixed(1),
        methods: Object.entries(report.byMethod).map(([m, n]) => `${m} ${n}`).join(", "),
      });
    }
    console.log("synthetic Westchester demo data (not real addresses)");
    console.table(rows);
  } else {
    const file = values.file ?? DATASETS[dataset];
    const report = await measureReferenceAccuracy(handle.db, file, { count: values.count ? Number(values.count) : 500 });
    const row = (name: string, r: RunReport) => ({
      run: name,
      queried: r.queried,
      "found %": ((r.found / r.queried) * 100).toFixed(1),
      ambiguous: r.ambiguous,
      "not found": r.notFound,
      "wrong (>100 m)": r.wrong,
      "wrong % of found": r.found ? ((r.wrong / r.found) * 100).toFixed(2) : "-",
      "wrong, no other range claims it": r.wrongUnexplained,
      "wrong at conf >= 0.9": r.confidentWrong,
      "overlap cases ambiguous": `${r.overlapAmbiguous}/${r.overlapCases}`,
      "median error m": r.medianErrorM?.toFixed(1) ?? "-",
      "p95 error m": r.p95ErrorM?.toFixed(1) ?? "-",
    });
    console.log(`${path.basename(file)}: ${report.segments} segments with ranges`);
    console.table([row("all reference data", report.all), row("own segment held out", report.heldOut)]);
    for (const e of [...report.all.examplesWrong, ...report.heldOut.examplesWrong]) console.log(`  wrong: ${e}`);
    const goals = goalsMet(report);
    const met = (ok: boolean) => (ok ? "MET" : "MISSED");
    console.log(
      `goals: 0 confident wrong ${met(goals.confidentWrong)}; <= 1% wrong among found ${met(goals.wrongShare)} (all loaded), ${met(goals.heldOutWrongShare)} (held out); ` +
        `no wrong answer the reference data does not explain ${met(goals.heldOutUnexplained)}; every overlapping-range case ambiguous ${met(goals.overlapsAmbiguous)}`,
    );
    if (!Object.values(goals).every(Boolean)) process.exitCode = 1;
  }
} finally {
  await handle.close();
}
