/**
 * npm run bench — each measurement (one file per measurement under
 * scripts/bench/) on a scratch embedded database, and on a scratch server
 * database when DATABASE_URL is set; prints a table, writes bench-results.json.
 */
import fs from "node:fs";
import type { Db } from "../../db/client";
import { openScratchDatabase, scratchKinds } from "../support/scratch-database";
import * as geocodeThroughput from "./geocode-throughput";

interface Measurement {
  name: string;
  prepare(db: Db): Promise<void>;
  measure(db: Db): Promise<{ value: number; detail: string }>;
}

const measurements: Measurement[] = [geocodeThroughput];

const results: { database: string; measurement: string; value: number; detail: string }[] = [];
for (const kind of scratchKinds()) {
  const handle = await openScratchDatabase(kind);
  try {
    for (const m of measurements) {
      await m.prepare(handle.db);
      const { value, detail } = await m.measure(handle.db);
      results.push({ database: kind, measurement: m.name, value, detail });
    }
  } finally {
    await handle.close();
  }
}
console.table(results);
fs.writeFileSync("bench-results.json", JSON.stringify({ at: new Date().toISOString(), results }, null, 2) + "\n");
console.log("wrote bench-results.json");
