/**
 * npm run geocode:accuracy — matched share and error (metres) of the local
 * geocoder on held-out synthetic addresses, with address points loaded and
 * with centerlines only. Runs on a scratch embedded database (never yours).
 */
import { loadDemoReferenceData } from "../lib/demo/westchester/seed-demo";
import { measureAccuracy } from "../lib/demo/westchester/accuracy";
import { createLocalGeocoder } from "../lib/geocode/local";
import { openScratchDatabase } from "./support/scratch-database";

const handle = await openScratchDatabase("embedded");
try {
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
  console.table(rows);
} finally {
  await handle.close();
}
