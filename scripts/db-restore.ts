/**
 * npm run db:restore -- FILE
 * Embedded: replaces DATA_DIR's database (the old one is kept aside). Server: pg_restore --clean.
 */
import path from "node:path";
import { env } from "../lib/env.js";
import { restoreEmbedded } from "../lib/backup/embedded-backup";
import { restoreServer } from "../lib/backup/server-backup";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run db:restore -- <backup file>");
  process.exit(2);
}
try {
  if (env.DATABASE_URL) {
    await restoreServer(env.DATABASE_URL, file);
    console.log("restored into the server database");
  } else {
    const { keptAside } = await restoreEmbedded(path.resolve(env.DATA_DIR), file);
    console.log(`restored into ${env.DATA_DIR}${keptAside ? ` (previous database kept at ${keptAside})` : ""}`);
  }
} catch (err) {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
