/**
 * npm run db:backup -- [--out FILE]
 * Embedded: PGlite data-directory dump (.tar.gz). Server: pg_dump custom format (.dump).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "../lib/env.js";
import { backupEmbedded } from "../lib/backup/embedded-backup";
import { backupServer } from "../lib/backup/server-backup";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const out = values.out ?? path.join("backups", `sightline-${env.DATABASE_URL ? "server" : "embedded"}-${stamp}.${env.DATABASE_URL ? "dump" : "tar.gz"}`);

try {
  const { bytes } = env.DATABASE_URL
    ? await backupServer(env.DATABASE_URL, out)
    : await backupEmbedded(path.resolve(env.DATA_DIR), out);
  console.log(`backup written: ${out} (${(bytes / 1024).toFixed(0)} KiB)`);
} catch (err) {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
