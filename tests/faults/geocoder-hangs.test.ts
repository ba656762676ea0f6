/**
 * A remote geocoder that accepts the connection and never answers (a real
 * loopback HTTP server, not a stub promise), with a provider timeout far
 * longer than the registration's own: the registration must answer within
 * REGISTRATION_GEOCODE_TIMEOUT_MS (plus the database write), still be saved
 * whole as pending_review, and say why.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCensusGeocoder } from "../../lib/geocode/remote/census";
import { postRegistration } from "../../lib/registration/post-registration";
import { traceRegistrations, halfWritten } from "../../scripts/support/registration-integrity";
import { registrationPayload } from "../../scripts/support/registration-payloads";
import { jsonRequest, registrationDeps } from "../support/registration-deps";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { GEOCODABLE } from "./support";

const REGISTRATION_TIMEOUT_MS = 800;
let t: TestDatabase;
let server: http.Server;
let baseUrl: string;
let hits = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  t = await createTestDatabase();
  server = http.createServer(() => {
    hits++; // …and never answer
  });
  server.on("connection", (s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => server.close(resolve));
  await t?.close();
});

describe("a geocoder that hangs", () => {
  it("answers 201 within the registration's geocode timeout and saves the registration whole, pending review", async () => {
    // The provider itself would wait 20 s and retry twice: only the registration's timeout can end this in time.
    const hanging = createCensusGeocoder({ timeoutMs: 20_000, retries: 2, backoffMs: 1000, baseUrl, benchmark: "Public_AR_Current" });
    const { body, email, cameras } = registrationPayload(`hang-${process.pid}`, 1, GEOCODABLE[0]);
    const started = performance.now();
    const response = await postRegistration(jsonRequest(body), registrationDeps(t.db, { geocoder: hanging, geocodeTimeoutMs: REGISTRATION_TIMEOUT_MS }));
    const elapsed = performance.now() - started;

    expect(hits).toBeGreaterThanOrEqual(1); // the remote provider really was asked
    expect(response.status).toBe(201);
    expect(elapsed).toBeGreaterThanOrEqual(REGISTRATION_TIMEOUT_MS - 5);
    // Not a speed check: without the registration's timeout this would wait out the provider's first 20 s
    // attempt. Anything well short of that proves the timeout ended it, even on a loaded 2-core machine
    // (5.5 s was seen with four engineers' test runs beside this one).
    expect(elapsed).toBeLessThan(12_000);
    const json = (await response.json()) as { id: string; status: string; location: unknown };
    expect(json).toMatchObject({ status: "pending_review", location: null });

    const [row] = await traceRegistrations(t.db, email);
    expect(row).toMatchObject({ id: json.id, status: "pending_review", located: false });
    expect(halfWritten([row], () => cameras)).toEqual([]);
  });
});
