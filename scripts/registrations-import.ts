/**
 * npm run registrations:import -- file.csv [--map field=Column ...] [--dry-run]
 * Imports an agency's existing registration spreadsheet; prints every rejected
 * row and why. Safe to run again: rows already registered are skipped.
 */
import fs from "node:fs";
import { systemActor } from "../lib/audit/record-audit";
import { env } from "../lib/env.js";
import { normalizeAddressKey, registrationGeocoder } from "../lib/registration/geocoder";
import { importRegistrationsCsv } from "../lib/registration/import";
import { parseColumnMap } from "../lib/registration/import-rows";
import { runCli } from "./run-cli";

await runCli(async (handle, args) => {
  const file = args.find((a) => !a.startsWith("--") && !args[args.indexOf(a) - 1]?.startsWith("--map"));
  const maps = args.flatMap((a, i) => (a === "--map" ? [args[i + 1]] : a.startsWith("--map=") ? [a.slice(6)] : []));
  if (!file) throw new Error("usage: npm run registrations:import -- file.csv [--map field=Column ...]");
  const report = await importRegistrationsCsv(handle.db, fs.readFileSync(file, "utf8"), {
    columns: parseColumnMap(maps),
    geocoder: registrationGeocoder(handle.db),
    normalizeAddressKey,
    actor: systemActor("cli:registrations-import"),
    baseUrl: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
    geocodeTimeoutMs: env.REGISTRATION_GEOCODE_TIMEOUT_MS,
    termsVersion: `imported (${env.AGENCY_TERMS_VERSION})`,
    // One line per committed row: if the import is interrupted, the output says exactly what landed,
    // and running it again skips those rows.
    onInserted: (r) => console.log(`imported line ${r.line}: ${r.id} (${r.status}${r.geocode === "found" ? "" : `, address ${r.geocode.replace("_", " ")}`})`),
  });
  for (const u of report.unplaced) {
    const choices = u.candidates.length ? `; did you mean: ${u.candidates.slice(0, 3).join(" | ")}` : "";
    console.log(`address ${u.geocode === "ambiguous" ? "ambiguous" : "not found"} on line ${u.line} (${u.id}, pending review): ${u.reason ?? ""}${choices}`);
  }
  for (const r of report.rejected) {
    console.log(`rejected line ${r.line}: ${Object.entries(r.errors).map(([f, m]) => `${f}: ${m}`).join("; ")}`);
  }
  for (const s of report.skipped) console.log(`skipped line ${s.line}: ${s.reason} (${s.id})`);
  console.log(
    `imported ${report.inserted.length} (${report.unplaced.length} with an ambiguous or unfound address), skipped ${report.skipped.length}, rejected ${report.rejected.length}`,
  );
  if (report.rejected.length) process.exitCode = 2;
});
