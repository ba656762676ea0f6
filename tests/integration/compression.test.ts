/**
 * Who gzips the answers (HTTP_COMPRESSION, README "Deploying"): the app by
 * default; behind nginx the proxy, with the app answering uncompressed so its
 * one request thread does not spend time compressing. Proved on the built app
 * (`next start`, where next.config.js's `compress` is read) on the embedded
 * database, and through Debian's nginx with the README's gzip settings.
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

const missing = [!hasBuild() && "no build (run `npm run build`)", !nginxBinary() && "nginx is not installed"].filter(Boolean);

/** A public page large enough that both Next.js and nginx compress it (over 1 kB). */
const PAGE = "/register";

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
    await app.stop(10_000);
    app = undefined;
  });

  it.skipIf(!!process.env.DATABASE_URL)("HTTP_COMPRESSION=proxy: the app answers uncompressed and nginx gzips", async () => {
    app = await startBuiltApp({ logFile, env: { ...env(), HTTP_COMPRESSION: "proxy" } });
    const direct = await get(app.baseUrl, "gzip");
    expect(direct.status).toBe(200);
    expect(direct.encoding).toBeNull();
    proxy = await startNginxProxy({ upstreams: [`127.0.0.1:${app.port}`], gzip: true });
    const viaProxy = await get(proxy.baseUrl, "gzip");
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.encoding).toBe("gzip");
    expect(viaProxy.body).toContain("<html");
  });
});
