/**
 * The bench's own scratch database, which (unlike scripts/support/scratch-
 * database.ts) can be released and handed to the app: embedded PGlite allows
 * one process per data directory, so the bench closes its handle before
 * `next start` opens the same directory, and reopens it afterwards if needed.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DbHandle } from "../../../db/client";

export type BenchKind = "embedded" | "server";

export interface BenchDatabase {
  kind: BenchKind;
  /** The app's configuration for this database. */
  appEnv: { DATABASE_URL: string; DATA_DIR: string };
  open(): Promise<DbHandle>;
  /** Close any open handle and delete the database. */
  destroy(): Promise<void>;
}

export async function createBenchDatabase(kind: BenchKind, label: string): Promise<BenchDatabase> {
  let handle: DbHandle | null = null;
  const open = async (options: { databaseUrl?: string; dataDir?: string }) => {
    handle = await openDatabase(options);
    const opened = handle;
    return {
      ...opened,
      close: async () => {
        await opened.close();
        if (handle === opened) handle = null;
      },
    };
  };
  if (kind === "server") {
    const baseUrl = process.env.DATABASE_URL;
    if (!baseUrl) throw new Error("DATABASE_URL is not set");
    // Named after DATABASE_URL's database (e.g. postgres_bench_main_1a2b3c4d), so runs sharing a
    // server keep their scratch databases apart by the base name they were given.
    const base = decodeURIComponent(new URL(baseUrl).pathname.slice(1)) || "sightline";
    const name = `${base.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_bench_${label}_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return {
      kind,
      appEnv: { DATABASE_URL: url.toString(), DATA_DIR: "" },
      open: () => open({ databaseUrl: url.toString() }),
      destroy: async () => {
        await (handle as DbHandle | null)?.close();
        const dropper = new pg.Client({ connectionString: baseUrl });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => dropper.end());
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(process.env.BENCH_TMPDIR ?? os.tmpdir(), `sightline-bench-${label}-`));
  return {
    kind,
    appEnv: { DATABASE_URL: "", DATA_DIR: dir },
    open: () => open({ dataDir: dir }),
    destroy: async () => {
      await (handle as DbHandle | null)?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
