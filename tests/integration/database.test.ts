import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import * as turf from "@turf/turf";
import { auditLog, cameras, registrations } from "@/db/schema";
import { point } from "@/db/postgis";
import { readDatabaseHealth } from "@/lib/db/health";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit, systemActor } from "@/lib/audit/record-audit";
import { isDatabaseEmpty, seedFixture } from "@/lib/demo/seed-fixture";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe(`database layer (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("reports PostGIS and the applied migrations", async () => {
    const health = await readDatabaseHealth(t);
    expect(health.kind).toBe(process.env.DATABASE_URL ? "server" : "embedded");
    expect(health.postgisVersion).toMatch(/^3\./);
    const files = (await import("node:fs")).readdirSync("drizzle").filter((f) => f.endsWith(".sql"));
    expect(health.migrations).toBe(files.length);
  });

  it("seeds idempotently", async () => {
    expect(await isDatabaseEmpty(t.db)).toBe(true);
    const first = await seedFixture(t.db);
    expect(first.registrations).toBeGreaterThan(0);
    const second = await seedFixture(t.db);
    expect(second).toEqual({ registrations: 0, streets: 0 });
    const [{ n }] = (await t.db.execute(sql`select count(*)::int as n from registrations`)).rows as { n: number }[];
    expect(n).toBe(first.registrations);
    expect(await isDatabaseEmpty(t.db)).toBe(false);
  });

  it("stores geography points and reads them back through the custom type", async () => {
    const rows = await t.db.select({ location: registrations.location }).from(registrations).limit(1);
    expect(rows[0].location?.type).toBe("Point");
    const [lng, lat] = rows[0].location!.coordinates;
    expect(lat).toBeGreaterThan(41.8);
    expect(lng).toBeLessThan(-87.8);
  });

  it("measures distance in metres on the spheroid, matching turf within 0.5%", async () => {
    const a = point(-87.878, 41.8673);
    const b = point(-87.888, 41.8573);
    const result = await t.db.execute(
      sql`select ST_Distance(${`SRID=4326;POINT(${a.coordinates.join(" ")})`}::geography, ${`SRID=4326;POINT(${b.coordinates.join(" ")})`}::geography) as d`,
    );
    const d = Number((result.rows[0] as { d: number }).d);
    const expected = turf.distance(a.coordinates, b.coordinates, { units: "meters" });
    expect(Math.abs(d - expected) / expected).toBeLessThan(0.005);
  });

  it("rolls back a failed transaction completely", async () => {
    const before = (await t.db.select({ id: registrations.id }).from(registrations)).length;
    await expect(
      t.db.transaction(async (tx) => {
        const [reg] = await tx
          .insert(registrations)
          .values({
            addressLine1: "1 Test St",
            addressCity: "Westchester",
            addressState: "IL",
            addressZip: "60154",
            cameraCount: 1,
            consentAt: new Date(),
            termsVersion: "t",
          })
          .returning({ id: registrations.id });
        // position is an enum: this insert fails, so the registration above must vanish too.
        await tx.insert(cameras).values({ registrationId: reg.id, position: "roof" as "front" });
      }),
    ).rejects.toThrow();
    const after = (await t.db.select({ id: registrations.id }).from(registrations)).length;
    expect(after).toBe(before);
  });

  it("keeps the audit trail append-only: UPDATE, DELETE and TRUNCATE are refused", async () => {
    await recordAudit(t.db, systemActor("test"), { action: "test.event" as AuditAction, targetType: "test", targetId: "1" });
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, "test.event"));
    expect(row.actorLabel).toBe("test");
    await expect(t.db.update(auditLog).set({ action: "tampered" }).where(eq(auditLog.id, row.id))).rejects.toThrow();
    await expect(t.db.delete(auditLog).where(eq(auditLog.id, row.id))).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const [still] = await t.db.select().from(auditLog).where(eq(auditLog.id, row.id));
    expect(still.action).toBe("test.event");
  });
});
