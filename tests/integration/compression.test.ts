/**
 * Who gzips the answers (HTTP_COMPRESSION, README "Deploying"): the app by
 * default; behind nginx the proxy, with the app answering uncompressed so its
 * one request thread does not spend time compressing. Proved on the built app
 * (`next start`, where next.config.js's `compress` is read) on the embedded
 * database, and through Debian's nginx with the README's gzip settings.
 * A radius search's answer (the API's largest, issue 18) is gzipped exactly once and is the same JSON
 * whether compressed or not: Next.js drops a Content-Encoding a route sets itself and would gzip the route's
 * gzip again (README, Benchmarks), so a route that tried would fail here.
 * Skips, saying why, without a build or nginx.
 */
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROCESS_TEST_TIMEOUT_MS } from "../support/process-budget";
import { hasBuild, startBuiltApp, type RunningApp } from "../../scripts/support/next-app";
import { nginxBinary, startNginxProxy, type RunningProxy } from "../../scripts/support/nginx-proxy";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createRegistrations, createStaff } from "../support/factories";
import { destination } from "../support/geodesy";
import type { LngLat } from "@/db/ewkb";

const missing = [!hasBuild() && "no build (run `npm run build`)", !nginxBinary() && "nginx is not installed"].filter(Boolean);

/** A public page large enough that both Next.js and nginx compress it (over 1 kB). */
const PAGE = "/register";
const CENTER: LngLat = [-87.878, 41.866];
/** 12 sites in 200 m (~1.3 KB of JSON each): an answer both compress. */
const SEARCH = `/api/cameras/near?lat=${CENTER[1]}&lng=${CENTER[0]}&radius=200&at=2026-03-07T18:00:00.000Z`;
let authorization = "";

/** The search answer as the client reads it (fetch inflates what is gzipped), and how it came. */
async function search(baseUrl: string, acceptEncoding: string) {
  const res = await fetch(`${baseUrl}${SEARCH}`, { headers: { authorization, "accept-encoding": acceptEncoding } });
  const text = await res.text();
  expect(res.status, text.slice(0, 200)).toBe(200);
  return { encoding: res.headers.get("content-encoding"), text, json: JSON.parse(text) as { features: unknown[] } };
}

async function get(baseUrl: string, acceptEncoding: string) {
  const res = await fetch(`${baseUrl}${PAGE}`, { headers: { "accept-encoding": acceptEncoding } });
  const body = await res.text();
  return { status: res.status, encoding: res.headers.get("content-encoding"), body };
}

describe.skipIf(missing.length > 0)(`answer compression${missing.length ? ` (skipped: ${missing.join("; ")})` : ""}`, { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let t: TestDatabase;
  let app: RunningApp | undefined;
  let proxy: RunningProxy | undefined;
  const logFile = path.join(os.tmpdir(), `sightline-compression-${crypto.randomBytes(4).toString("hex")}.log`);
  // Embedded: the app must be the only process holding the data directory.
  const env = () => ({ DATABASE_URL: "", DATA_DIR: t.location, GEOCODER_PROVIDERS: "local", SMTP_URL: "" });

  beforeAll(async () => {
    if (process.env.DATABASE_URL) return;
    t = await createTestDatabase();
    authorization = (await createStaff(t.db)).authorization;
    await createRegistrations(
      t.db,
      Array.from({ length: 12 }, (_, i) => ({ location: destination(CENTER, i * 30, 20 + i * 10), retentionDays: 30, cameras: [{ bearingDeg: i * 30, fovDeg: 90, rangeM: 30 }] })),
    );
    await t.disconnect();
  });
  afterAll(async () => {
    await proxy?.stop();
    await app?.stop(10_000);
    await t?.close();
  });

  it.skipIf(!!process.env.DATABASE_URL)("the app gzips by default, and only for clients that ask", async () => {
    app = await startBuiltApp({ logFile, env: env() });
    const gzipped = await get(app.baseUrl, "gzip");
    expect(gzipped.status).toBe(200);
    expect(gzipped.encoding).toBe("gzip");
    const plain = await get(app.baseUrl, "identity");
    expect(plain.encoding).toBeNull();
    // fetch inflated the gzipped one: the same page either way.
    expect(gzipped.body).toContain("<html");
    expect(plain.body).toContain("<html");
    // The search: gzipped once (a second gzip would not parse as JSON after fetch's one inflate), and the same answer.
    const searchGzipped = await search(app.baseUrl, "gzip");
    const searchPlain = await search(app.baseUrl, "identity");
    expect(searchGzipped.encoding).toBe("gzip");
    expect(searchPlain.encoding).toBeNull();
    expect(searchPlain.json.features).toHaveLength(12);
    expect(searchGzipped.text).toBe(searchPlain.text);
    await app.stop(10_000);
    app = undefined;
  });

  it.skipIf(!!process.env.DATABASE_URL)("HTTP_COMPRESSION=proxy: the app answers uncompressed and nginx gzips", async () => {
    app = await startBuiltApp({ logFile, env: { ...env(), HTTP_COMPRESSION: "proxy" } });
    const direct = await get(app.baseUrl, "gzip");
    expect(direct.status).toBe(200);
    expect(direct.encoding).toBeNull();
    const searchDirect = await search(app.baseUrl, "gzip");
    expect(searchDirect.encoding).toBeNull();
    expect(searchDirect.json.features).toHaveLength(12);
    proxy = await startNginxProxy({ upstreams: [`127.0.0.1:${app.port}`], gzip: true });
    const viaProxy = await get(proxy.baseUrl, "gzip");
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.encoding).toBe("gzip");
    expect(viaProxy.body).toContain("<html");
    const searchViaProxy = await search(proxy.baseUrl, "gzip");
    expect(searchViaProxy.encoding).toBe("gzip");
    expect(searchViaProxy.text).toBe(searchDirect.text);
  });
});
