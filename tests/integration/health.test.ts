import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbForTests } from "@/db/client";
import { GET as health } from "@/app/api/health/route";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createStaff } from "../support/factories";
import { request } from "../support/route-handlers";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
});
afterAll(async () => {
  setDbForTests(null);
  await t?.close();
});

describe(`GET /api/health (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("tells anonymous callers the status only, and staff the database facts", async () => {
    const anonymous = await health(request("/api/health"));
    expect(anonymous.status).toBe(200);
    const body = await anonymous.text();
    expect(JSON.parse(body)).toEqual({ status: "ok" });
    expect(body).not.toMatch(/version|postgis/i);
    expect(await (await health(request("/api/health", { authorization: "Bearer sl_not-a-real-token" }))).json()).toEqual({ status: "ok" });
    const staff = await createStaff(t.db);
    const detailed = await (await health(request("/api/health", { authorization: staff.authorization }))).json();
    expect(detailed).toMatchObject({
      status: "ok",
      database: { kind: process.env.DATABASE_URL ? "server" : "embedded", postgisVersion: expect.stringMatching(/^3\./), migrations: expect.any(Number) },
    });
  });
});
