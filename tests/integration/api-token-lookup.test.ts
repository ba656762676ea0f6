/**
 * API tokens are checked against the database on every request, never cached
 * (lib/auth/api-token.ts; on the server the check is a prepared statement, which caches the
 * statement's parse, not its answer): a token revoked, or a user disabled or demoted, on
 * one instance is refused or demoted on the very next request on any other.
 * On the server a second pool on the same database stands for the second
 * instance; embedded, the database belongs to one process, so it is the same.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { openDatabase, type Db, type DbHandle } from "@/db/client";
import * as schema from "@/db/schema";
import { revokeApiToken } from "@/lib/accounts/api-tokens";
import { changeUserRole, setUserDisabled } from "@/lib/accounts/users";
import { operatorContext } from "@/lib/auth/mutation-context";
import { principalForApiToken } from "@/lib/auth/api-token";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createStaff } from "../support/factories";

const kind = process.env.DATABASE_URL ? "server" : "embedded";
let t: TestDatabase;
let other: DbHandle;
beforeAll(async () => {
  t = await createTestDatabase();
  other = kind === "server" ? await openDatabase({ databaseUrl: t.location, migrate: false }) : t;
});
afterAll(async () => {
  if (other && other !== t) await other.close();
  await t?.close();
});

describe(`API token lookup across instances (${kind})`, () => {
  it("a revocation on one instance refuses the token on the other's next request", async () => {
    const { token, ...user } = await createStaff(t.db);
    // Warm both: a cache, if there were one, would now hold the principal.
    expect((await principalForApiToken(t.db, token))?.userId).toBe(user.id);
    expect((await principalForApiToken(other.db, token))?.userId).toBe(user.id);
    const [{ id }] = (await t.db.execute(sql`select id from api_tokens where user_id = ${user.id}`)).rows as { id: string }[];
    expect((await revokeApiToken(operatorContext(t.db, "test"), { tokenId: id })).ok).toBe(true);
    expect(await principalForApiToken(other.db, token)).toBeNull();
    expect(await principalForApiToken(t.db, token)).toBeNull();
  });

  it("a role change (which revokes the user's tokens) or a disabled user is seen on the other instance's next request", async () => {
    const { token, ...user } = await createStaff(t.db, { role: "supervisor" });
    expect(await principalForApiToken(other.db, token)).toMatchObject({ role: "supervisor" });
    expect((await changeUserRole(operatorContext(t.db, "test"), { userId: user.id, role: "detective" })).ok).toBe(true);
    expect(await principalForApiToken(other.db, token)).toBeNull();

    const second = await createStaff(t.db);
    expect(await principalForApiToken(other.db, second.token)).toMatchObject({ userId: second.id, role: "detective" });
    expect((await setUserDisabled(operatorContext(t.db, "test"), { userId: second.id, disabled: true })).ok).toBe(true);
    expect(await principalForApiToken(other.db, second.token)).toBeNull();
  });

  it("an unknown, malformed or over-long token is refused without touching any row", async () => {
    const { token, ...user } = await createStaff(t.db);
    for (const bad of [token + "x", "sl_" + "A".repeat(43), token.slice(3), "sl_" + "A".repeat(300)]) {
      expect(await principalForApiToken(other.db, bad)).toBeNull();
    }
    const [{ last }] = (await t.db.execute(sql`select last_used_at as last from api_tokens where user_id = ${user.id}`)).rows as { last: unknown }[];
    expect(last).toBeNull();
  });

  it.runIf(kind === "server")("is one statement prepared once per server connection, and still sees a revocation made after it was prepared", async () => {
    const { token, ...user } = await createStaff(t.db);
    // One connection, so the statements it prepared are the ones pg_prepared_statements lists. A client, not a
    // one-connection pool: pool.end() lets go of its client before the connection has closed, and the test
    // database's DROP … WITH (FORCE) could then end that connection with an error nobody listens for.
    const client = new pg.Client({ connectionString: t.location });
    await client.connect();
    try {
      const db = drizzle(client, { schema }) as unknown as Db;
      expect((await principalForApiToken(db, token))?.userId).toBe(user.id);
      expect((await principalForApiToken(db, token))?.userId).toBe(user.id);
      const prepared = (await client.query("select name, statement from pg_prepared_statements")).rows as { name: string; statement: string }[];
      expect(prepared).toHaveLength(1);
      expect(prepared[0].name).toMatch(/^sl_[0-9a-f]{24}$/);
      expect(prepared[0].statement).toContain("api_tokens");
      const [{ id }] = (await t.db.execute(sql`select id from api_tokens where user_id = ${user.id}`)).rows as { id: string }[];
      expect((await revokeApiToken(operatorContext(t.db, "test"), { tokenId: id })).ok).toBe(true);
      expect(await principalForApiToken(db, token)).toBeNull();
    } finally {
      await client.end();
    }
  });
});
