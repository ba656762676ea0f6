/**
 * kill -9 the real bulk-import CLI (npm run registrations:import) halfway
 * through a file, then run it again: each row is its own transaction, so the
 * rows it reported are all there and whole, nothing half-written is left, and
 * the second run skips what landed and loads the rest — every row exactly once.
 * On both databases (the embedded one must also reopen despite the dead
 * process's lock file).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { halfWritten, traceRegistrations } from "../../scripts/support/registration-integrity";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { GEOCODABLE, appEnvFor, prepareRegistrationData } from "./support";
import { PROCESS_TEST_TIMEOUT_MS } from "../support/process-budget";

const ROWS = 40;
const KILL_AFTER = 12;
const ROOT = path.resolve(__dirname, "../..");
let t: TestDatabase;
let csvFile: string;
const tag = `import-${process.pid}`;

beforeAll(async () => {
  t = await createTestDatabase();
  await prepareRegistrationData(t.db);
  await t.disconnect();
  const lines = ["owner_name,phone,email,address,city,state,zip,camera_locations,retention_days,playback"];
  for (let i = 0; i < ROWS; i++) {
    const a = i % 5 === 4 ? { line1: `${200 + i} Quillfeather Hollow Ln` } : GEOCODABLE[i % GEOCODABLE.length];
    lines.push(`Imported Owner ${i},708-555-01${String(i % 100).padStart(2, "0")},${tag}-${i}@example.com,${a.line1},Westchester,IL,60154,front;rear,30,yes`);
  }
  csvFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sightline-import-")), `${tag}.csv`);
  fs.writeFileSync(csvFile, lines.join("\n") + "\n");
});
afterAll(async () => {
  if (csvFile) fs.rmSync(path.dirname(csvFile), { recursive: true, force: true });
  await t?.close();
});

/** Run the CLI; with `killAfter`, SIGKILL it once it has reported that many committed rows. */
function runImport(killAfter?: number): Promise<{ reported: string[]; code: number | null; signal: string | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/registrations-import.ts"), csvFile], {
    cwd: ROOT,
    env: { ...process.env, ...appEnvFor(t.location), NODE_OPTIONS: "--conditions=react-server" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const reported: string[] = [];
  let output = "";
  let buffer = "";
  child.stderr.on("data", (d) => (output += d));
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk;
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      const m = line.match(/^imported line \d+: ([0-9a-f-]{36}) /);
      if (m) reported.push(m[1]);
    }
    if (killAfter !== undefined && reported.length >= killAfter) child.kill("SIGKILL");
  });
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ reported, code, signal, output })));
}

async function traces() {
  const embedded = !t.location.startsWith("postgres");
  const handle = await openDatabase(embedded ? { dataDir: t.location, migrate: false } : { databaseUrl: t.location, migrate: false });
  try {
    return await traceRegistrations(handle.db, `${tag}-%`);
  } finally {
    await handle.close();
  }
}

describe("a bulk import killed halfway", () => {
  it("keeps every row it reported, none half-written, and a second run loads the rest exactly once", async () => {
    const killed = await runImport(KILL_AFTER);
    expect(killed.signal, killed.output.slice(-2000)).toBe("SIGKILL");
    expect(killed.reported.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(killed.reported.length).toBeLessThan(ROWS);

    const afterKill = await traces();
    const ids = new Set(afterKill.map((r) => r.id));
    for (const id of killed.reported) expect(ids.has(id)).toBe(true);
    // At most the one row in flight at the kill landed without being reported.
    expect(afterKill.length - killed.reported.length).toBeLessThanOrEqual(1);
    expect(halfWritten(afterKill, () => 2)).toEqual([]);

    const resumed = await runImport();
    expect(resumed.code, resumed.output.slice(-2000)).toBe(0);
    expect(resumed.output).toMatch(new RegExp(`imported ${ROWS - afterKill.length} \\(\\d+ with an ambiguous or unfound address\\), skipped ${afterKill.length}, rejected 0`));

    const final = await traces();
    expect(final.length).toBe(ROWS);
    expect(new Set(final.map((r) => r.email)).size).toBe(ROWS);
    expect(halfWritten(final, () => 2)).toEqual([]);
    expect(final.filter((r) => r.status === "active").length).toBe(ROWS - ROWS / 5);
  }, PROCESS_TEST_TIMEOUT_MS);
});
