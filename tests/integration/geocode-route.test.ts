import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiTokens, streetCenterlines, users } from "@/db/schema";
import { generateApiToken, hashApiToken } from "@/lib/auth/api-token";
import { GET } from "@/app/api/geocode/route";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { setDbForTests } from "@/db/client";
import { noParams, request } from "../support/route-handlers";

let t: TestDatabase;
let token: string;
beforeAll(async () => {
  t = await createTestDatabase();
  // The route opens the process-wide handle; point it at this file's database.
  setDbForTests(t);
  const [user] = await t.db.insert(users).values({ email: "det@example.com", name: "Det", role: "detective" }).returning();
  token = generateApiToken();
  await t.db.insert(apiTokens).values({ userId: user.id, name: "test", tokenHash: hashApiToken(token) });
  await t.db.insert(streetCenterlines).values({
    stPreDir: "W", stName: "ROOSEVELT", stPosTyp: "RD", fromAddrL: 10301, toAddrL: 10399, parityL: "O", fromAddrR: 10300, toAddrR: 10398, parityR: "E",
    geom: { type: "LineString", coordinates: [[-87.878, 41.8674], [-87.8818, 41.8674]] }, source: "test",
  });
});
afterAll(async () => {
  setDbForTests(null);
  await t?.close();
});

const call = (q: string | null, auth = true) =>
  GET(request(`/api/geocode${q === null ? "" : `?q=${encodeURIComponent(q)}`}`, { authorization: auth ? `Bearer ${token}` : undefined }), noParams);

describe("GET /api/geocode", () => {
  it("needs a staff credential", async () => {
    expect((await call("10300 W Roosevelt Rd", false)).status).toBe(401);
  });

  it("answers the geocode and audits the search without logging the address", async () => {
    const log = vi.spyOn(console, "log");
    const warn = vi.spyOn(console, "warn");
    const res = await call("10350 W Roosevelt Rd");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ found: true, method: "interpolated", matchedAddress: "10350 W ROOSEVELT RD" });
    const audit = (await t.db.execute(sql`select actor_label, action, details from audit_log where action = 'geocode.searched'`)).rows as {
      actor_label: string;
      details: { query: string; found: boolean };
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_label: "det@example.com", details: { query: "10350 W Roosevelt Rd", found: true } });
    for (const c of [...log.mock.calls, ...warn.mock.calls]) expect(c.join(" ")).not.toMatch(/ROOSEVELT/i);
  });

  it("answers 422 with a field error for an empty or oversized query", async () => {
    const empty = await call(null);
    expect(empty.status).toBe(422);
    expect(await empty.json()).toEqual({ error: "q enter an address or an intersection", code: "validation", errors: { q: "enter an address or an intersection" } });
    expect((await call("x".repeat(10_000))).status).toBe(422);
  });

  it("answers not found with suggestions", async () => {
    const res = await call("10350 W Rosevelt Rd");
    const body = await res.json();
    expect(body).toMatchObject({ status: "not_found", found: false });
    expect(body.suggestions[0]).toMatch(/^10350 W ROOSEVELT RD/);
    expect(body.candidates[0]).toMatchObject({ reason: expect.stringContaining("similar street name") });
  });
});
