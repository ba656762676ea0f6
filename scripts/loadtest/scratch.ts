/**
 * The load test's own database: a scratch embedded data directory, or a fresh
 * database on DATABASE_URL's server; migrated, seeded with the synthetic demo
 * (so addresses geocode and radius queries find sites), with a detective and
 * an API token. Never the configured database. On the server the app
 * connects as a scratch runtime role (the grants of `npm run db:grant`, made
 * by scripts/support/runtime-role.ts, dropped afterwards) with
 * DATABASE_ROLE_CHECK=refuse, as a deployment does: the load test then also
 * proves that nothing the app does under load is refused to that role.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "../../db/client";
import { createStaffUser } from "../../lib/accounts/users";
import { issueApiToken } from "../../lib/accounts/api-tokens";
import { generatePassword } from "../../lib/accounts/generate-password";
import { operatorContext } from "../../lib/auth/mutation-context";
import { seedDemo } from "../../lib/demo/westchester/seed-demo";
import { grantScratchRuntimeRole } from "../support/runtime-role";

export type DbKind = "embedded" | "server";

/** One geocodable address from the reference data, as a resident would type it. */
export interface AddressSample {
  line1: string;
  city: string;
  state: string;
  zip: string;
}

export interface LoadTestDatabase {
  kind: DbKind;
  /** Environment for `next start` to use this database (on the server: as the runtime role). */
  appEnv: Record<string, string>;
  /** The role the app connects as on the server (null: embedded). */
  runtimeRole: string | null;
  /** The scratch database's name on the server (null: embedded). */
  serverDatabase: string | null;
  token: string;
  /** The detective the token belongs to, for tests that sign in. */
  detective: { email: string; password: string };
  addresses: AddressSample[];
  bbox: { minLat: number; maxLat: number; minLng: number; maxLng: number };
  /** Open it again (the app must be stopped first on the embedded database). */
  open(): Promise<DbHandle>;
  drop(): Promise<void>;
}

/** `serverUrl`: the server to create the scratch database on (default DATABASE_URL). */
export async function prepareLoadTestDatabase(kind: DbKind, options: { serverUrl?: string } = {}): Promise<LoadTestDatabase> {
  let location: { databaseUrl?: string; dataDir?: string };
  let appEnv: Record<string, string>;
  let drop: () => Promise<void>;
  let runtimeRole: string | null = null;
  let serverUrl: string | undefined;
  let serverDatabase: string | null = null;
  if (kind === "server") {
    const baseUrl = options.serverUrl ?? process.env.DATABASE_URL;
    if (!baseUrl) throw new Error("DATABASE_URL is not set");
    serverUrl = baseUrl;
    // Named after the configured database, so it sorts (and is cleaned up) with it.
    const base = new URL(baseUrl).pathname.slice(1).replace(/[^a-z0-9_]/gi, "").slice(0, 30) || "sightline";
    const name = `${base}_loadtest_${crypto.randomBytes(5).toString("hex")}`.toLowerCase();
    await adminQuery(baseUrl, `CREATE DATABASE ${name}`);
    serverDatabase = name;
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    location = { databaseUrl: url.toString() };
    appEnv = { DATABASE_URL: url.toString() };
    drop = () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-loadtest-"));
    location = { dataDir: dir };
    appEnv = { DATABASE_URL: "", DATA_DIR: dir };
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  }

  const handle = await openDatabase(location);
  try {
    await seedDemo(handle.db);
    const operator = operatorContext(handle.db, "loadtest");
    const detective = { email: `loadtest-${crypto.randomBytes(4).toString("hex")}@loadtest.invalid`, password: generatePassword() };
    const user = await createStaffUser(operator, { ...detective, name: "Load test detective", role: "detective" });
    if (!user.ok) throw new Error(`could not create the load-test user: ${JSON.stringify(user.errors)}`);
    const token = await issueApiToken(operator, { userId: user.user.id, name: "loadtest", days: 1 });
    if (!token.ok) throw new Error(`could not issue the load-test token: ${JSON.stringify(token.errors)}`);

    const points = await handle.db.execute(sql`
      select add_number, add_num_suf, st_predir, st_name, st_postyp, st_posdir, city, state, zip
      from address_points order by random() limit 3000`);
    const addresses = (points.rows as Record<string, string | number | null>[]).map((p) => ({
      line1: [`${p.add_number}${p.add_num_suf ?? ""}`, p.st_predir, p.st_name, p.st_postyp, p.st_posdir].filter(Boolean).join(" "),
      city: String(p.city ?? "Westchester"),
      state: String(p.state ?? "IL"),
      zip: String(p.zip ?? "60154"),
    }));
    if (addresses.length === 0) throw new Error("the demo seed left no address points to register");
    const extent = await handle.db.execute(sql`
      select min(st_y(location::geometry)) as "minLat", max(st_y(location::geometry)) as "maxLat",
             min(st_x(location::geometry)) as "minLng", max(st_x(location::geometry)) as "maxLng"
      from registrations where location is not null`);
    const bbox = extent.rows[0] as LoadTestDatabase["bbox"];
    if (kind === "server") {
      const role = await grantScratchRuntimeRole(location.databaseUrl!, "sightline_loadtest_rt");
      runtimeRole = role.name;
      appEnv = { ...appEnv, DATABASE_URL: role.url, DATABASE_ROLE_CHECK: "refuse" };
      const dropDatabase = drop;
      // The role after its database (its grants go with the database).
      drop = async () => {
        await dropDatabase();
        await role.drop(serverUrl!);
      };
    }
    return { kind, appEnv, runtimeRole, serverDatabase, token: token.token, detective, addresses, bbox, open: () => openDatabase({ ...location, migrate: false }), drop };
  } finally {
    await handle.close();
  }
}

async function adminQuery(baseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
