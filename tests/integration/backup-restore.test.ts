import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import pg from "pg";
import { openDatabase } from "@/db/client";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit, systemActor } from "@/lib/audit/record-audit";
import { seedFixture } from "@/lib/demo/seed-fixture";
import { backupEmbedded, restoreEmbedded } from "@/lib/backup/embedded-backup";
import { backupServer, restoreServer } from "@/lib/backup/server-backup";
import { incidents } from "@/db/schema";
import { createTestDatabase, serverUrlFor, type TestDatabase } from "../support/test-database";

const COUNTED = ["registrations", "cameras", "incidents", "audit_log", "street_centerlines"] as const;

async function snapshot(db: TestDatabase["db"]) {
  const out: Record<string, unknown> = {};
  for (const table of COUNTED) {
    const r = await db.execute(sql.raw(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${table} t`));
    out[table] = r.rows[0];
  }
  return out;
}

let t: TestDatabase;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-backup-"));
beforeAll(async () => {
  t = await createTestDatabase();
  await seedFixture(t.db);
  await t.db.insert(incidents).values({
    caseNumber: "24-000123",
    point: { type: "Point", coordinates: [-87.878, 41.867] },
    radiusM: 250,
    occurredFrom: new Date("2026-03-08T07:30:00Z"),
    occurredTo: new Date("2026-03-08T07:45:00Z"),
  });
  await recordAudit(t.db, systemActor("test"), { action: "backup.test" as AuditAction, details: { n: 1 } });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("backup and restore give back the same registrations, cameras, incidents and audit trail", () => {
  it.skipIf(Boolean(process.env.DATABASE_URL))(`embedded: PGlite data-directory dump${process.env.DATABASE_URL ? " (skipped: DATABASE_URL is set, this is the server stage)" : ""}`, async () => {
    const before = await snapshot(t.db);
    await t.disconnect(); // the data directory must be free
    const file = path.join(work, "embedded.tar.gz");
    const { bytes } = await backupEmbedded(t.location, file);
    expect(bytes).toBeGreaterThan(1000);

    const target = path.join(work, "restored");
    await restoreEmbedded(target, file);
    const restored = await openDatabase({ dataDir: target, migrate: false });
    try {
      expect(await snapshot(restored.db as TestDatabase["db"])).toEqual(before);
    } finally {
      await restored.close();
    }
  }, 240_000); // a file-system dump of a whole PGlite cluster: 50 s seen on a loaded 2-core machine

  it.skipIf(!process.env.DATABASE_URL)(`server: pg_dump and pg_restore${process.env.DATABASE_URL ? "" : " (skipped: needs DATABASE_URL, a PostgreSQL server and its pg_dump)"}`, async () => {
    const before = await snapshot(t.db);
    const file = path.join(work, "server.dump");
    await backupServer(t.location, file);

    const name = `sightline_restore_${process.pid}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = serverUrlFor(process.env.DATABASE_URL!, name);
      await restoreServer(url, file);
      const restored = await openDatabase({ databaseUrl: url, migrate: false });
      try {
        expect(await snapshot(restored.db as TestDatabase["db"])).toEqual(before);
        // The restored audit trail is still append-only.
        await expect(restored.db.execute(sql`delete from audit_log`)).rejects.toThrow();
      } finally {
        await restored.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
