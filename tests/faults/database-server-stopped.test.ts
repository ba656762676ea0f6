/**
 * The database server stops mid-request (pg_ctl stop -m immediate on a
 * throwaway cluster of our own) while the real app serves registrations and
 * radius queries; then it starts again. While it is down every API answer is
 * a clear 503 (JSON error, Retry-After), never a 500 or a hang; afterwards
 * the same app process serves again without a restart, and every 201 is in
 * the database. Runs in the server stage (DATABASE_URL set) with a build.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { hasBuild, startBuiltApp, type RunningApp } from "../../scripts/support/next-app";
import { traceRegistrations } from "../../scripts/support/registration-integrity";
import { registrationPayload, ungeocodableAddress } from "../../scripts/support/registration-payloads";
import { createStaff } from "../support/factories";
import { appEnvFor, GEOCODABLE, prepareRegistrationData } from "./support";
import { canRunThrowawayCluster, startThrowawayCluster, type ThrowawayCluster } from "./throwaway-cluster";
import { PROCESS_TEST_TIMEOUT_MS } from "../support/process-budget";

const runnable = Boolean(process.env.DATABASE_URL) && hasBuild() && canRunThrowawayCluster();
if (!runnable) console.warn("[faults] database-server-stopped: needs DATABASE_URL (server stage), a build and PostgreSQL's initdb — skipped");

let cluster: ThrowawayCluster | undefined;
let app: RunningApp | undefined;
let token = "";
const logFile = path.join(os.tmpdir(), `sightline-fault-db-stopped-${process.pid}.log`);
const tag = `dbstop-${process.pid}`;
let n = 0;

beforeAll(async () => {
  if (!runnable) return;
  fs.rmSync(logFile, { force: true });
  cluster = await startThrowawayCluster();
  cluster.createDatabase("sightline");
  const handle = await openDatabase({ databaseUrl: cluster.url("sightline") });
  try {
    await prepareRegistrationData(handle.db);
    token = (await createStaff(handle.db, { role: "detective" })).token;
  } finally {
    await handle.close();
  }
  app = await startBuiltApp({ env: appEnvFor(cluster.url("sightline")), logFile });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await app?.stop(2000);
  cluster?.destroy();
});

async function register(): Promise<Response> {
  const i = n++;
  const { body } = registrationPayload(tag, i, i % 4 === 3 ? ungeocodableAddress(i) : GEOCODABLE[i % GEOCODABLE.length]);
  return fetch(`${app!.baseUrl}/api/registrations`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}
const near = () =>
  fetch(`${app!.baseUrl}/api/cameras/near?lat=41.866&lng=-87.878&radius=500`, { headers: { authorization: `Bearer ${token}` } });
const health = () => fetch(`${app!.baseUrl}/api/health`);

async function expectClear503(response: Response) {
  expect(response.status).toBe(503);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  const body = (await response.json()) as { error?: unknown };
  expect(typeof body.error).toBe("string");
}

describe.skipIf(!runnable)(`the database server stopped mid-request, then started again${runnable ? "" : " (skipped: needs DATABASE_URL, a build and PostgreSQL's initdb)"}`, () => {
  it("answers 503 with Retry-After while it is down and recovers without restarting the app", async () => {
    const created: string[] = [];
    const keep = async (res: Response) => {
      if (res.status === 201) created.push(((await res.json()) as { id: string }).id);
      return res;
    };
    expect((await keep(await register())).status).toBe(201);
    expect((await near()).status).toBe(200);

    // A stream in flight when the plug is pulled: each answer is 201/200 or a clear 503, never a 500 or no answer.
    let streaming = true;
    const statuses: number[] = [];
    const streamer = async (send: () => Promise<Response>) => {
      while (streaming) {
        const res = await keep(await send());
        statuses.push(res.status);
        if (res.status === 503) await expectClear503(res);
      }
    };
    const streams = Promise.all([streamer(register), streamer(register), streamer(near)]);
    await new Promise((r) => setTimeout(r, 1500));
    cluster!.stopImmediately();
    await new Promise((r) => setTimeout(r, 1500));
    streaming = false;
    await streams;
    expect(statuses.length).toBeGreaterThan(3);
    expect(statuses.filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
    expect(statuses).toContain(503);

    // Down: every kind of request gets the clear 503, quickly.
    for (const send of [health, register, near]) {
      const started = Date.now();
      await expectClear503(await send());
      expect(Date.now() - started).toBeLessThan(10_000);
    }

    cluster!.start();
    const deadline = Date.now() + 30_000;
    let healthy = false;
    while (!healthy && Date.now() < deadline) {
      healthy = (await health()).status === 200;
      if (!healthy) await new Promise((r) => setTimeout(r, 250));
    }
    expect(healthy).toBe(true);
    expect(app!.child.exitCode).toBeNull(); // the same process, not restarted
    expect((await keep(await register())).status).toBe(201);
    expect((await near()).status).toBe(200);

    // A connection cut mid-transaction must be an error for that request, not an uncaught exception in the app.
    expect(fs.readFileSync(logFile, "utf8")).not.toMatch(/uncaughtException|unhandledRejection/);

    const handle = await openDatabase({ databaseUrl: cluster!.url("sightline"), migrate: false });
    try {
      const ids = new Set((await traceRegistrations(handle.db, `${tag}-%`)).map((r) => r.id));
      for (const id of created) expect(ids.has(id), `201 ${id} is in the database`).toBe(true);
    } finally {
      await handle.close();
    }
  }, PROCESS_TEST_TIMEOUT_MS);
});
