/**
 * A scratch runtime role for a scratch database, as `npm run db:grant` makes
 * the real one (db/roles.ts): the load test and the fault tests start the app
 * as it on the server, so anything the app does that the runtime role may not
 * (create a table, write the audit trail other than by INSERT, migrate) fails
 * there instead of in a deployment. Roles are per server, not per database:
 * drop it after the database it was granted on.
 */
import crypto from "node:crypto";
import pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { grantRuntimeRole } from "../../db/roles";

export interface ScratchRuntimeRole {
  name: string;
  /** The database URL with this role's name and password in it. */
  url: string;
  /** DROP ROLE, through `adminUrl` (any database on the server; the granted one must be dropped first). */
  drop(adminUrl: string): Promise<void>;
}

export async function grantScratchRuntimeRole(ownerUrl: string, prefix = "sightline_rt"): Promise<ScratchRuntimeRole> {
  const name = `${prefix}_${crypto.randomBytes(5).toString("hex")}`;
  // A password, so the role can log in whatever the server's authentication (trust, scram-sha-256).
  const password = crypto.randomBytes(18).toString("base64url");
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await grantRuntimeRole(drizzle(client), name, password);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = name;
  url.password = password;
  return {
    name,
    url: url.toString(),
    drop: async (adminUrl) => {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`DROP ROLE IF EXISTS ${name}`);
      } finally {
        await admin.end();
      }
    },
  };
}
