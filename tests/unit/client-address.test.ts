import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, normalizeIp, parseNetworks, type ProxyTrust } from "@/lib/http/client-address";
import { installPeerAddressHeader, peerAddressHeaderName } from "@/lib/http/peer-address";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { parseEnv } from "@/lib/env.js";

const direct: ProxyTrust = { hops: 0, networks: null };

/** A real HTTP server on loopback: what a handler sees of a request, as headers only (like a Next route). */
let server: http.Server;
let url: string;
let seen: Record<string, string | string[] | undefined>[] = [];
beforeAll(async () => {
  installPeerAddressHeader();
  server = http.createServer((req, res) => {
    seen.push({ ...req.headers });
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function send(headers: Record<string, string>) {
  seen = [];
  await fetch(url, { headers });
  return seen[0];
}

describe("client address", () => {
  it("is the socket address by default, whatever X-Forwarded-For / X-Real-IP say", async () => {
    const h = await send({ "x-forwarded-for": '=HYPERLINK("http://evil"), 198.51.100.7', "x-real-ip": "198.51.100.8" });
    expect(clientAddress(h, direct)).toBe("127.0.0.1");
  });

  it("cannot be forged through the peer header: its name is random per process and the socket value overwrites it", async () => {
    const name = peerAddressHeaderName()!;
    expect(name).toMatch(/^x-sightline-peer-[0-9a-f]{24}$/);
    const h = await send({ [name]: "198.51.100.9" });
    expect(h[name]).toBe("127.0.0.1");
    expect(clientAddress(h, direct)).toBe("127.0.0.1");
  });

  it("is unknown (null) when there is no socket address, e.g. a handler called without the hook", () => {
    expect(clientAddress(new Request("http://x/", { headers: { "x-forwarded-for": "198.51.100.7" } }), direct)).toBeNull();
  });

  it("with TRUSTED_PROXY_HOPS=N takes the address N hops left of the peer, and never a non-address", async () => {
    const h = await send({ "x-forwarded-for": "6.6.6.6, 198.51.100.7" });
    expect(clientAddress(h, { hops: 1, networks: null })).toBe("198.51.100.7");
    expect(clientAddress(h, { hops: 2, networks: null })).toBe("6.6.6.6");
    expect(clientAddress(h, { hops: 5, networks: null })).toBe("6.6.6.6");
    const bad = await send({ "x-forwarded-for": "=HYPERLINK(1)" });
    expect(clientAddress(bad, { hops: 1, networks: null })).toBeNull();
  });

  it("with trusted proxy networks takes the rightmost address outside them", async () => {
    const h = await send({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.1.2.3" });
    expect(clientAddress(h, { hops: 0, networks: parseNetworks("127.0.0.0/8, 10.0.0.0/8", "T") })).toBe("198.51.100.7");
    // A peer outside the trusted networks is the client itself: its X-Forwarded-For is ignored.
    expect(clientAddress(h, { hops: 0, networks: parseNetworks("10.0.0.0/8", "T") })).toBe("127.0.0.1");
  });

  it("normalizes only real addresses", () => {
    expect(normalizeIp("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeIp("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(normalizeIp("192.0.2.1:443")).toBeNull();
    expect(normalizeIp("unknown")).toBeNull();
  });
});

describe("sign-in callback", () => {
  it.each([
    ["/map?x=1#a", "/map?x=1#a"],
    ["/%09/evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/%5Cevil.example", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["/%2F%2Fevil.example", "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});

describe("public base URL configuration", () => {
  const server = { DATABASE_URL: "postgres://u@db/sightline", NEXTAUTH_SECRET: "0123456789abcdef0123456789abcdef", TOTP_ENCRYPTION_KEY: "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0" };
  it("is required and https with DATABASE_URL (http only on loopback), and an origin only", () => {
    expect(() => parseEnv(server)).toThrow(/NEXTAUTH_URL is required/);
    expect(() => parseEnv({ ...server, NEXTAUTH_URL: "http://cameras.example.gov" })).toThrow(/https/);
    expect(() => parseEnv({ ...server, NEXTAUTH_URL: "https://cameras.example.gov/app" })).toThrow(/origin only/);
    expect(parseEnv({ ...server, NEXTAUTH_URL: "https://cameras.example.gov" }).NEXTAUTH_URL).toBe("https://cameras.example.gov");
    expect(parseEnv({ ...server, NEXTAUTH_URL: "http://127.0.0.1:3000" }).NEXTAUTH_URL).toBe("http://127.0.0.1:3000");
    expect(() => parseEnv({ TRUSTED_PROXY_NETWORKS: "intranet" })).toThrow(/TRUSTED_PROXY_NETWORKS/);
  });
});
