/**
 * importRowsPerSec: the bulk registration import (importRegistrationsCsv from
 * lib/registration, the code `npm run registrations:import` runs) on a CSV of
 * demo-area addresses, each parsed, checked by the public schema, geocoded by
 * the local geocoder, de-duplicated and inserted with its audit entry.
 * Needs the demo reference layers (the geocode measurement loads them).
 */
import type { Db } from "../../db/client";
import { systemActor } from "../../lib/audit/record-audit";
import { generateDemoDataset } from "../../lib/demo/westchester/generate";
import { env } from "../../lib/env.js";
import { normalizeAddressKey, registrationGeocoder } from "../../lib/registration/geocoder";
import { importRegistrationsCsv } from "../../lib/registration/import";
import { DEFAULT_COLUMNS } from "../../lib/registration/import-rows";
import { round } from "./support/stats";

export function importCsv(rows: number): string {
  const houses = generateDemoDataset().houses.slice(0, rows);
  const header = "owner_name,phone,email,address,city,state,zip,camera_locations,camera_count,retention_days,playback,records_street_traffic,notes";
  const lines = houses.map((h, i) => {
    const s = h.street;
    return [
      `Import Owner ${i}`, `708-555-01${String(i % 100).padStart(2, "0")}`, `import${i}@example.com`,
      `${h.number} ${s.preDir} ${s.name} ${s.type}`, "Westchester", "IL", "60154", i % 3 === 0 ? "front;rear" : "front",
      String(i % 3 === 0 ? 2 : 1), String([7, 14, 30][i % 3]), i % 2 ? "yes" : "no", i % 4 === 0 ? "yes" : "no", "",
    ].join(",");
  });
  return [header, ...lines].join("\n");
}

export async function measureImport(db: Db, options: { rows: number }): Promise<{ importRowsPerSec: number; detail: string }> {
  const csv = importCsv(options.rows);
  const started = performance.now();
  const report = await importRegistrationsCsv(db, csv, {
    columns: DEFAULT_COLUMNS,
    geocoder: registrationGeocoder(db),
    normalizeAddressKey,
    actor: systemActor("cli:bench"),
    baseUrl: "http://localhost",
    geocodeTimeoutMs: env.REGISTRATION_GEOCODE_TIMEOUT_MS,
    termsVersion: "bench",
  });
  const seconds = (performance.now() - started) / 1000;
  const handled = report.inserted.length + report.skipped.length + report.rejected.length;
  if (report.rejected.length) console.warn(`[bench] import rejected ${report.rejected.length} rows, e.g. ${JSON.stringify(report.rejected[0])}`);
  const active = report.inserted.filter((r) => r.status === "active").length;
  return {
    importRowsPerSec: round(handled / seconds, 1),
    detail: `${handled} rows: ${report.inserted.length} inserted (${active} geocoded, active), ${report.skipped.length} skipped, ${report.rejected.length} rejected`,
  };
}
