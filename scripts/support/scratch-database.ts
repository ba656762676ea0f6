/**
 * A throwaway, migrated database for measurements: embedded PGlite in a temp
 * directory, or (server: true) a fresh database on DATABASE_URL's server.
 * Never the configured one, so a measurement cannot touch real data.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DbHandle } from "../../db/client";

export async function openScratchDatabase(kind: "embedded" | "server"): Promise<DbHandle> {
  if (kind === "server") {
    const baseUrl = process.env.DATABASE_URL;
    if (!baseUrl) throw new Error("DATABASE_URL is not set");
    const name = `sightline_scratch_${crypto.randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString() });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        const dropper = new pg.Client({ connectionString: baseUrl });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => dropper.end());
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-scratch-"));
  const handle = await openDatabase({ dataDir: dir });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Embedded always; the server too when DATABASE_URL is set. */
export function scratchKinds(): ("embedded" | "server")[] {
  return process.env.DATABASE_URL ? ["embedded", "server"] : ["embedded"];
}
