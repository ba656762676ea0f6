/**
 * Backups of the embedded database: PGlite's own data-directory dump (a
 * gzipped tar of the whole cluster), restored by starting PGlite from it.
 * The data directory must not be in use (the lock in db/embedded.ts says so).
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { postgisCore } from "../../db/postgis-bundle";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { acquireDataDirLock, openEmbedded } from "../../db/embedded";

export async function backupEmbedded(dataDir: string, outFile: string): Promise<{ bytes: number }> {
  const handle = await openEmbedded(dataDir);
  try {
    // CHECKPOINT so the dump reflects everything committed.
    await handle.pg.exec("CHECKPOINT;");
    const dump = await handle.pg.dumpDataDir("gzip");
    const bytes = Buffer.from(await dump.arrayBuffer());
    fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
    // Write beside, then rename: a crash never leaves a truncated backup under the final name.
    const partial = `${outFile}.partial`;
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, outFile);
    return { bytes: bytes.length };
  } finally {
    await handle.close();
  }
}

/**
 * Restore into `dataDir`. An existing database there is kept aside as
 * `pgdata.before-restore-<time>` rather than deleted, unless the restore fails,
 * in which case it is put back.
 */
export async function restoreEmbedded(dataDir: string, backupFile: string): Promise<{ keptAside: string | null }> {
  const blob = new Blob([fs.readFileSync(backupFile)]);
  const pgdata = path.join(dataDir, "pgdata");
  // Hold the directory lock for the whole restore without opening the files being replaced.
  const releaseLock = acquireDataDirLock(dataDir);
  let keptAside: string | null = null;
  try {
    if (fs.existsSync(pgdata)) {
      keptAside = `${pgdata}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      fs.renameSync(pgdata, keptAside);
    }
    try {
      const pg = await PGlite.create({
        dataDir: pgdata,
        loadDataDir: blob,
        extensions: { postgis: postgisCore, pg_trgm, fuzzystrmatch },
      });
      await pg.query("select 1");
      await pg.close();
    } catch (err) {
      fs.rmSync(pgdata, { recursive: true, force: true });
      if (keptAside) fs.renameSync(keptAside, pgdata);
      keptAside = null;
      throw err;
    }
    return { keptAside };
  } finally {
    releaseLock();
  }
}
