import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { chainGeocoders } from "@/lib/geocode/chain";
import { createCensusGeocoder } from "@/lib/geocode/remote/census";
import { createNominatimGeocoder } from "@/lib/geocode/remote/nominatim";
import type { AddressInput } from "@/lib/geocode/types";

// Each provider's real response shape (trimmed), served on loopback: never the internet.
const CENSUS_MATCH = {
  result: {
    input: { address: { address: "10300 W ROOSEVELT RD, WESTCHESTER, IL 60154" }, benchmark: { benchmarkName: "Public_AR_Current" } },
    addressMatches: [
      {
        tigerLine: { side: "R", tigerLineId: "111" },
        coordinates: { x: -87.87814, y: 41.86716 },
        addressComponents: { fromAddress: "10300", toAddress: "10398", preDirection: "W", streetName: "ROOSEVELT", suffixType: "RD", city: "WESTCHESTER", state: "IL", zip: "60154" },
        matchedAddress: "10300 W ROOSEVELT RD, WESTCHESTER, IL, 60154",
      },
    ],
  },
};
const NOMINATIM_MATCH = [
  {
    place_id: 1, licence: "Data © OpenStreetMap contributors, ODbL 1.0.", osm_type: "way", osm_id: 2, lat: "41.8672", lon: "-87.8780",
    category: "building", type: "yes", place_rank: 30, importance: 0.1, addresstype: "building", name: "",
    display_name: "10300, West Roosevelt Road, Westchester, Proviso Township, Cook County, Illinois, 60154, United States",
    boundingbox: ["41.8671", "41.8673", "-87.8781", "-87.8779"],
  },
];

type Behaviour = "ok" | "empty" | "fail-then-ok" | "always-500" | "slow" | "bad-json" | "400";
let behaviour: Behaviour = "ok";
let hits = 0;
const seen: { url: string; userAgent?: string }[] = [];
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits++;
    seen.push({ url: req.url ?? "", userAgent: req.headers["user-agent"] });
    const census = req.url?.startsWith("/geocoder/locations/onelineaddress");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    if (behaviour === "slow") return void setTimeout(() => send(200, census ? CENSUS_MATCH : NOMINATIM_MATCH), 1500);
    if (behaviour === "always-500" || (behaviour === "fail-then-ok" && hits === 1)) return send(503, { error: "busy" });
    if (behaviour === "400") return send(400, { errors: ["bad"] });
    if (behaviour === "bad-json") return send(200, { unexpected: true });
    if (behaviour === "empty") return send(200, census ? { result: { input: {}, addressMatches: [] } } : []);
    send(200, census ? CENSUS_MATCH : NOMINATIM_MATCH);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  behaviour = "ok";
  hits = 0;
  seen.length = 0;
  vi.restoreAllMocks();
});

const http_ = { timeoutMs: 500, retries: 2, backoffMs: 10 };
const census = () => createCensusGeocoder({ ...http_, baseUrl, benchmark: "Public_AR_Current" });
const nominatim = () => createNominatimGeocoder({ ...http_, baseUrl, userAgent: "Sightline test (test@example.com)", countryCodes: "us" });
const ADDRESS = "10300 W Roosevelt Rd, Westchester, IL 60154";

describe("remote geocoders against a loopback server", () => {
  it("reads a Census onelineaddress match", async () => {
    const answer = await census().geocode({ line1: "10300 West Roosevelt Road", city: "Westchester", state: "IL", zip: "60154" });
    expect(answer).toMatchObject({ found: true, lat: 41.86716, lng: -87.87814, method: "remote", source: "census", matchedAddress: "10300 W ROOSEVELT RD, WESTCHESTER, IL, 60154" });
    const url = new URL(seen[0].url, baseUrl);
    expect(url.searchParams.get("address")).toBe("10300 W ROOSEVELT RD, WESTCHESTER, IL 60154");
    expect(url.searchParams.get("benchmark")).toBe("Public_AR_Current");
    expect(url.searchParams.get("format")).toBe("json");
  });

  it("reads a Nominatim jsonv2 match and identifies itself", async () => {
    const answer = await nominatim().geocode(ADDRESS);
    expect(answer).toMatchObject({ found: true, lat: 41.8672, lng: -87.878, method: "remote", source: "nominatim", confidence: 0.8 });
    expect(seen[0].userAgent).toBe("Sightline test (test@example.com)");
    expect(new URL(seen[0].url, baseUrl).searchParams.get("countrycodes")).toBe("us");
  });

  it("answers not found on an empty or unexpected response", async () => {
    behaviour = "empty";
    expect(await census().geocode(ADDRESS)).toMatchObject({ found: false });
    expect(await nominatim().geocode(ADDRESS)).toMatchObject({ found: false });
    behaviour = "bad-json";
    expect(await census().geocode(ADDRESS)).toMatchObject({ found: false, reason: "census: unexpected response" });
  });

  it("retries a 5xx with backoff and then succeeds, without the address in the logs", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    behaviour = "fail-then-ok";
    expect(await census().geocode(ADDRESS)).toMatchObject({ found: true });
    expect(hits).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain("attempt 1 failed: census: HTTP 503");
    for (const call of warn.mock.calls) expect(call.join(" ")).not.toMatch(/ROOSEVELT|10300/i);
  });

  it("gives up after the retries on persistent 5xx, and does not retry a 4xx", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    behaviour = "always-500";
    await expect(census().geocode(ADDRESS)).rejects.toThrow("census: HTTP 503");
    expect(hits).toBe(3);
    hits = 0;
    behaviour = "400";
    await expect(nominatim().geocode(ADDRESS)).rejects.toThrow("nominatim: HTTP 400");
    expect(hits).toBe(1);
  });

  it("times out a slow provider", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    behaviour = "slow";
    const started = Date.now();
    await expect(createCensusGeocoder({ timeoutMs: 200, retries: 1, backoffMs: 10, baseUrl, benchmark: "x" }).geocode(ADDRESS)).rejects.toThrow(
      "census: timed out after 200 ms",
    );
    expect(Date.now() - started).toBeLessThan(1200);
    for (const call of warn.mock.calls) expect(call.join(" ")).not.toMatch(/ROOSEVELT/i);
  });

  it("falls through the chain to the next provider when one fails", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    behaviour = "always-500";
    const failing = createCensusGeocoder({ timeoutMs: 200, retries: 0, backoffMs: 0, baseUrl, benchmark: "x" });
    const local = { name: "local", geocode: async () => ({ status: "not_found" as const, found: false as const, suggestions: ["W ROOSEVELT RD"], reason: "no match" }) };
    const answer = await chainGeocoders([local, failing]).geocode(ADDRESS);
    expect(answer).toMatchObject({ found: false, suggestions: ["W ROOSEVELT RD"] });
    if (!answer.found) expect(answer.reason).toContain("census: HTTP 503");
    behaviour = "ok";
    expect(await chainGeocoders([local, nominatim()]).geocode(ADDRESS)).toMatchObject({ found: true, source: "nominatim" });
  });

  it("sends only the local misses of a batch on down the chain, answers in order", async () => {
    const asked: string[] = [];
    const local = {
      name: "local",
      geocode: async () => ({ status: "not_found" as const, found: false as const, suggestions: [] }),
      geocodeMany: async (queries: (string | AddressInput)[]) =>
        queries.map((q) =>
          String(q).startsWith("1 ")
            ? { status: "found" as const, found: true as const, lat: 1, lng: 2, matchedAddress: String(q), method: "address_point" as const, confidence: 1, source: "local" }
            : { status: "not_found" as const, found: false as const, suggestions: ["W ROOSEVELT RD"], reason: "no match" },
        ),
    };
    const remote = {
      name: "remote",
      geocode: async (q: string | AddressInput) => {
        asked.push(String(q));
        if (String(q).startsWith("3 ")) throw new Error("remote: HTTP 503");
        return { status: "not_found" as const, found: false as const, suggestions: ["IGNORED"], reason: "remote miss" };
      },
    };
    const answers = await chainGeocoders([local, remote]).geocodeMany(["1 A St", "2 B St", "3 C St"]);
    expect(asked).toEqual(["2 B St", "3 C St"]);
    expect(answers[0]).toMatchObject({ found: true, matchedAddress: "1 A St" });
    expect(answers[1]).toEqual({ status: "not_found", found: false, suggestions: ["W ROOSEVELT RD"], candidates: [], reason: "no match; remote miss" });
    expect(answers[2]).toEqual({ status: "not_found", found: false, suggestions: ["W ROOSEVELT RD"], candidates: [], reason: "no match; remote: HTTP 503" });
  });
});
