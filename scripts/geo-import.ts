/**
 * npm run geo:import -- <file> [--layer address_points|centerlines] [--map field=column ...]
 *                             [--source name] [--replace] [--allow-rejects]
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { importReferenceFile, ImportRefusedError } from "../lib/geocode/import/load";
import { runCli } from "./run-cli";

const USAGE =
  "usage: npm run geo:import -- <file.geojson|file.csv> [--layer address_points|centerlines] [--map field=column ...] [--source name] [--replace] [--allow-rejects]";
const MAX_LISTED_REJECTS = 50;

await runCli(async (handle, argv) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        layer: { type: "string" },
        map: { type: "string", multiple: true },
        source: { type: "string" },
        replace: { type: "boolean" },
        "allow-rejects": { type: "boolean" },
      },
    });
  } catch (err) {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const { values, positionals } = parsed;
  const layer = values.layer;
  if (positionals.length !== 1 || (layer && layer !== "address_points" && layer !== "centerlines")) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const map: Record<string, string> = {};
  for (const pair of values.map ?? []) {
    const [field, column] = pair.split("=");
    if (!field || !column) {
      console.error(`error: --map expects field=column, got "${pair}"`);
      process.exitCode = 2;
      return;
    }
    map[field] = column;
  }

  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: "loading [{bar}] {percentage}% | {value}/{total} rows", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    const summary = await importReferenceFile(handle.db, {
      file: positionals[0],
      layer: layer as "address_points" | "centerlines" | undefined,
      map,
      source: values.source,
      replace: values.replace,
      allowRejects: values["allow-rejects"],
      onProgress: (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
    });
    if (started) bar.stop();
    console.log(`${summary.file} (${summary.format}, ${summary.layer}, source "${summary.source}")`);
    console.log(`  rows read: ${summary.read}`);
    console.log(`  loaded:    ${summary.loaded}${summary.replaced ? ` (replaced ${summary.replaced} earlier rows)` : ""}`);
    console.log(`  rejected:  ${summary.rejected.length}`);
    for (const r of summary.rejected.slice(0, MAX_LISTED_REJECTS)) console.log(`    row ${r.row}: ${r.reason}`);
    if (summary.rejected.length > MAX_LISTED_REJECTS) console.log(`    … and ${summary.rejected.length - MAX_LISTED_REJECTS} more`);
    if (!summary.committed) {
      console.error("nothing loaded: fix the rejected rows, or pass --allow-rejects to load the others");
      process.exitCode = 1;
    }
  } catch (err) {
    if (started) bar.stop();
    if (err instanceof ImportRefusedError) {
      console.error(`refused, nothing loaded: ${err.message}`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
});
