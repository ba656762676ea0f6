/**
 * POST /api/address-check: the public form's check before the cameras part,
 * through the route handler on a test database with real geocoding.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressPoints } from "@/db/schema";
import { point } from "@/db/postgis";
import { setDbForTests } from "@/db/client";
import { POST } from "@/app/api/address-check/route";
import { checkAddress } from "@/lib/registration/address-check";
import { createIpRateLimiter } from "@/lib/registration/rate-limit";
import { registrationGeocoder } from "@/lib/registration/geocoder";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createAddressPoint, ROOSEVELT_10300 } from "../support/factories";
import { request } from "../support/route-handlers";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  setDbForTests(t);
  await createAddressPoint(t.db);
  // One number on one street in two towns 9 km apart: without a ZIP or city it is two places.
  for (const [zip, city, lng] of [["60154", "WESTCHESTER", -87.88], ["60126", "ELMHURST", -87.94]] as const) {
    await t.db.insert(addressPoints).values({ addNumber: 500, stName: "MAPLE", stPosTyp: "AVE", city, state: "IL", zip, location: point(lng, 41.85 + (zip === "60126" ? 0.05 : 0)), source: "test" });
  }
});
afterAll(async () => {
  setDbForTests(null);
  await t?.close();
});

async function check(body: unknown, headers: Record<string, string> = {}) {
  const req = request("/api/address-check", { method: "POST", body });
  for (const [k, v] of Object.entries(headers)) req.headers.set(k, v);
  const res = await POST(req);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { choices?: { address: string; line1: string; lat: number; lng: number; kind: string }[] } };
}

describe(`POST /api/address-check (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("says where a known address is, without staff-only reasons or confidence", async () => {
    const { status, body } = await check({ line1: "10300 W Roosevelt Rd", city: "Westchester", state: "Illinois", zip: "60154" });
    expect(status).toBe(200);
    expect(body).toEqual({
      status: "found",
      found: true,
      place: { address: "10300 W ROOSEVELT RD, WESTCHESTER, IL 60154", lat: ROOSEVELT_10300.lat, lng: ROOSEVELT_10300.lng },
      choices: [],
    });
  });

  it("offers the near miss of a misspelt street as a did-you-mean choice with its street line and position", async () => {
    const { body } = await check({ line1: "10300 W Roosvelt Rd", zip: "60154" });
    expect(body.status).toBe("not_found");
    expect(body.found).toBe(false);
    expect(body.choices?.[0]).toEqual({ address: "10300 W ROOSEVELT RD, WESTCHESTER, IL 60154", line1: "10300 W ROOSEVELT RD", lat: ROOSEVELT_10300.lat, lng: ROOSEVELT_10300.lng, kind: "did_you_mean" });
  });

  it("answers the same address in two towns as ambiguous with both places to choose from", async () => {
    const { body } = await check({ line1: "500 Maple Ave" });
    expect(body.status).toBe("ambiguous");
    expect(body.choices?.map((c) => [c.address, c.kind]).sort()).toEqual([
      ["500 MAPLE AVE, ELMHURST, IL 60126", "ambiguous"],
      ["500 MAPLE AVE, WESTCHESTER, IL 60154", "ambiguous"],
    ]);
    // The ZIP settles it.
    expect((await check({ line1: "500 Maple Ave", zip: "60126" })).body.status).toBe("found");
  });

  it("answers a made-up address not_found with nothing to choose", async () => {
    const { status, body } = await check({ line1: "4321 Imaginary Lane", city: "Westchester", state: "IL", zip: "60154" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "not_found", found: false, place: null });
    expect(body.choices).toEqual([]);
  });

  it("refuses bad input field by field (422) in the resident's language", async () => {
    const { status, body } = await check({ line1: "Roosevelt Rd", zip: "6015" });
    expect(status).toBe(422);
    expect(body.code).toBe("validation");
    expect(Object.keys(body.errors as object).sort()).toEqual(["line1", "zip"]);
    const es = await check({ line1: "Roosevelt Rd" }, { "accept-language": "es" });
    expect((es.body.errors as Record<string, string>).line1).not.toBe((body.errors as Record<string, string>).line1);
  });

  it("limits each client address (429 with Retry-After), before any geocoding", async () => {
    const limiter = createIpRateLimiter({ pointsPerHour: 2, trustedNetworks: "", store: "memory", keyPrefix: "address-check-test" });
    let geocoded = 0;
    const geocoder = registrationGeocoder(t.db);
    const counting = { name: "counting", geocode: (q: Parameters<typeof geocoder.geocode>[0]) => (geocoded++, geocoder.geocode(q)) };
    const ask = (ip: string) =>
      checkAddress(new Request("http://localhost/api/address-check", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ line1: "10300 W Roosevelt Rd" }) }), {
        geocoder: counting,
        limiter,
        clientIp: ip,
        geocodeTimeoutMs: 2000,
      }).catch((err: unknown) => err);
    expect(((await ask("203.0.113.5")) as Response).status).toBe(200);
    expect(((await ask("203.0.113.5")) as Response).status).toBe(200);
    const refused = (await ask("203.0.113.5")) as { code?: string; headers?: Record<string, string> };
    expect(refused.code).toBe("rate_limited");
    expect(Number(refused.headers?.["Retry-After"])).toBeGreaterThan(0);
    expect(geocoded).toBe(2);
    // Another client is not affected.
    expect(((await ask("203.0.113.6")) as Response).status).toBe(200);
  });
});
