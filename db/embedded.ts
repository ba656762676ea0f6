/**
 * Embedded PGlite with PostGIS, persisted on disk. One process at a time may
 * hold a data directory (PGlite has no multi-process access); a lock file with
 * the holder's pid makes a second process refuse with a clear message rather
 * than corrupting the files. A stale lock from a killed process is taken over.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { postgisCore } from "./postgis-bundle";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";

export interface EmbeddedHandle {
  pg: PGlite;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(
    public readonly dataDir: string,
    public readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another process (pid ${pid}). ` +
        `Stop it first (e.g. the running "npm run dev"), or point DATA_DIR elsewhere.`,
    );
    this.name = "DataDirLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockFilePath(dataDir: string) {
  return path.join(dataDir, "sightline.lock");
}

/** Who holds the data directory now, or null. */
export function dataDirHolder(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lockFilePath(dataDir), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockFilePath(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(fs.readFileSync(file, "utf8").trim());
      if (holder === process.pid) return () => {};
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      fs.unlinkSync(file); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

export async function openEmbedded(dataDir: string): Promise<EmbeddedHandle> {
  const release = acquireDataDirLock(dataDir);
  try {
    const pg = await PGlite.create({
      dataDir: path.join(dataDir, "pgdata"),
      extensions: { postgis: postgisCore, pg_trgm, fuzzystrmatch },
    });
    // Parallel plans can hang in single-process PGlite.
    await pg.exec("SET max_parallel_workers_per_gather = 0;");
    return {
      pg,
      close: async () => {
        try {
          if (!pg.closed) await pg.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
