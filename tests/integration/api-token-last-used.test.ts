/** An API token's "last used" is kept to the minute: one row write a minute for a busy integration. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { apiTokens } from "@/db/schema";
import { principalForApiToken } from "@/lib/auth/api-token";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createStaff } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe(`API token last use (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("is written on first use, not again within a minute, and again after it", async () => {
    const { token, ...user } = await createStaff(t.db);
    const lastUsed = async () => (await t.db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.userId, user.id)))[0].at;
    expect(await lastUsed()).toBeNull();

    expect((await principalForApiToken(t.db, token))?.userId).toBe(user.id);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);

    await new Promise((r) => setTimeout(r, 20));
    expect((await principalForApiToken(t.db, token))?.userId).toBe(user.id);
    expect((await lastUsed())?.getTime()).toBe(first!.getTime());

    await t.db.execute(sql`update api_tokens set last_used_at = now() - interval '2 minutes' where user_id = ${user.id}`);
    const stale = await lastUsed();
    expect((await principalForApiToken(t.db, token))?.userId).toBe(user.id);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(stale!.getTime() + 60_000);
  });
});
