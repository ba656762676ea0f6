/**
 * The runtime database role (db/roles.ts, `npm run db:grant`): the app works
 * as that role, and it cannot rewrite the audit trail or the chain of custody
 * by any of the routes an owner has (plain statements, disabling triggers,
 * replica mode, replacing the trigger function, dropping the trigger). Started
 * as that role on a database that lacks a migration, the app refuses.
 *
 * PostgreSQL server only: PGlite has one user, which owns everything; there the
 * append-only triggers (tests/integration/audit-trail.test.ts) are the protection.
 */
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openDatabase, setDbForTests, type DbHandle } from "@/db/client";
import { auditLog } from "@/db/schema";
import { appendOnlyWeaknesses, connectedRoleOwnsSchema, grantRuntimeRole, MigrationsPendingError } from "@/db/roles";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit, systemActor } from "@/lib/audit/record-audit";
import { postRegistration } from "@/lib/registration/post-registration";
import { checkDatabaseRole } from "@/lib/startup/database-role-check";
import { GET as near } from "@/app/api/cameras/near/route";
import { POST as createIncident } from "@/app/api/incidents/route";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createAddressPoint, createStaff, ROOSEVELT_10300, validRegistration } from "../support/factories";
import { jsonRequest, registrationDeps } from "../support/registration-deps";
import { noParams, request } from "../support/route-handlers";

const server = Boolean(process.env.DATABASE_URL);
const role = `sightline_rt_${crypto.randomBytes(4).toString("hex")}`;
let owner: TestDatabase;
let runtime: DbHandle;
let runtimeUrl: string;

function asRole(url: string, name: string): string {
  const u = new URL(url);
  u.username = name;
  u.password = "";
  return u.toString();
}

/** One statement on its own connection as the runtime role: the error code, or "ok". */
async function attempt(statement: string): Promise<string> {
  const client = new pg.Client({ connectionString: runtimeUrl });
  await client.connect();
  try {
    await client.query(statement);
    return "ok";
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (!server) return;
  owner = await createTestDatabase();
  await createAddressPoint(owner.db);
  await grantRuntimeRole(owner.db, role);
  runtimeUrl = asRole(owner.location, role);
  runtime = await openDatabase({ databaseUrl: runtimeUrl });
});

afterAll(async () => {
  if (!server) return;
  setDbForTests(null);
  await runtime?.close();
  await owner?.close();
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
  } finally {
    await admin.end();
  }
});

describe.skipIf(!server)(`runtime database role${server ? "" : " (skipped: needs DATABASE_URL, a PostgreSQL server; PGlite has a single user)"}`, () => {
  it("owns nothing and is told apart from the owner at start", async () => {
    expect(await connectedRoleOwnsSchema(runtime.db)).toBe(false);
    expect(await connectedRoleOwnsSchema(owner.db)).toBe(true);
    expect(await appendOnlyWeaknesses(runtime.db)).toEqual([]);
    // The test database's owner is a superuser: the app connected that way warns, or refuses when told to.
    expect((await appendOnlyWeaknesses(owner.db)).join()).toMatch(/superuser/);
    expect(await checkDatabaseRole(runtime.db, "refuse")).toEqual({ ok: true, message: null });
    expect(await checkDatabaseRole(owner.db, "warn")).toMatchObject({ ok: true, message: expect.stringMatching(/warning: .*db:grant/) });
    expect(await checkDatabaseRole(owner.db, "refuse")).toMatchObject({ ok: false, message: expect.stringMatching(/refusing to start/) });
  });

  it("runs the app: a public registration, a search with contacts, a saved incident, each audited", async () => {
    setDbForTests(runtime);
    const staff = await createStaff(runtime.db);
    const registered = await postRegistration(jsonRequest(validRegistration()), registrationDeps(runtime.db));
    expect(registered.status).toBe(201);
    const at = "2026-03-07T12:00:00-06:00";
    const search = await near(
      request(`/api/cameras/near?lat=${ROOSEVELT_10300.lat}&lng=${ROOSEVELT_10300.lng}&radius=250&at=${encodeURIComponent(at)}&include=contacts`, {
        authorization: staff.authorization,
      }),
      noParams,
    );
    expect(search.status).toBe(200);
    const incident = await createIncident(
      request("/api/incidents", { authorization: staff.authorization, body: { lat: ROOSEVELT_10300.lat, lng: ROOSEVELT_10300.lng, radiusM: 250, occurredAt: at } }),
      noParams,
    );
    expect(incident.status).toBe(201);
    const actions = (await runtime.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorUserId, staff.id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["investigation.searched", "incident.created"]));
  });

  it("cannot rewrite the audit trail or the custody log by any route an owner has", async () => {
    await recordAudit(runtime.db, systemActor("role-test"), { action: "test.kept" as AuditAction, targetType: "test", targetId: role });
    const before = Number(((await owner.db.execute(sql`select count(*)::int as n from audit_log`)).rows[0] as { n: number }).n);
    const refused = {
      update: await attempt("UPDATE audit_log SET action = 'test.rewritten'"),
      delete: await attempt("DELETE FROM audit_log"),
      truncate: await attempt("TRUNCATE audit_log"),
      disableTrigger: await attempt("ALTER TABLE audit_log DISABLE TRIGGER USER"),
      dropTrigger: await attempt("DROP TRIGGER audit_log_no_update_delete ON audit_log"),
      replicaThenDelete: await attempt("SET session_replication_role = replica; DELETE FROM audit_log"),
      replaceFunction: await attempt(
        "CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END; $$",
      ),
      newFunction: await attempt("CREATE FUNCTION public.sneaky() RETURNS int LANGUAGE sql AS 'select 1'"),
      newTable: await attempt("CREATE TABLE public.sneaky (id int)"),
      alterOwner: await attempt(`ALTER TABLE audit_log OWNER TO ${role}`),
      custodyUpdate: await attempt("UPDATE evidence_custody SET event = event"),
      custodyDelete: await attempt("DELETE FROM evidence_custody"),
      custodyTruncate: await attempt("TRUNCATE evidence_custody"),
      custodyDisableTrigger: await attempt("ALTER TABLE evidence_custody DISABLE TRIGGER ALL"),
    };
    for (const [route, code] of Object.entries(refused)) {
      // 42501 insufficient_privilege; 42939 / 42809: not the owner in other words.
      expect({ route, code }).toEqual({ route, code: expect.stringMatching(/^(42501|42939|42809)$/) });
    }
    const after = await owner.db.execute(sql`select count(*)::int as n, count(*) filter (where action = 'test.kept')::int as kept from audit_log`);
    expect(after.rows[0]).toEqual({ n: before, kept: 1 });
  });

  it("cannot backdate an entry: a time it sends is replaced by the time of writing; the owner's (a restore, a fixture) is kept", async () => {
    const client = new pg.Client({ connectionString: runtimeUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        "INSERT INTO audit_log (at, actor_label, action) VALUES ('2020-01-01T00:00:00Z', 'role-test', 'auth.signed_in') RETURNING at, now() AS now",
      );
      expect((rows[0].at as Date).toISOString()).toBe((rows[0].now as Date).toISOString());
    } finally {
      await client.end();
    }
    const owned = await owner.db.execute(sql`insert into audit_log (at, actor_label, action) values ('2020-01-01T00:00:00Z', 'owner-test', 'test.dated') returning at`);
    expect(new Date((owned.rows[0] as { at: string | Date }).at).toISOString()).toBe("2020-01-01T00:00:00.000Z");
    // Both trails are dated by the same trigger function, which the runtime role cannot replace (previous test).
    const triggers = await owner.db.execute(
      sql`select tgrelid::regclass::text as "table" from pg_trigger where tgfoid = 'append_only_entry_time'::regproc and tgenabled = 'O' order by 1`,
    );
    expect(triggers.rows).toEqual([{ table: "audit_log" }, { table: "evidence_custody" }]);
  });

  it("refuses to start as the runtime role while a migration is missing, naming the fix", async () => {
    await owner.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    const opening = openDatabase({ databaseUrl: runtimeUrl });
    await expect(opening).rejects.toBeInstanceOf(MigrationsPendingError);
    await expect(opening).rejects.toThrow(/npm run db:migrate/);
  });
});
