import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { openDatabase } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

/** Run the writer until it has committed `minCommits` rows, then SIGKILL it; return the ids it reported. */
async function killWriterMidStream(kind: string, location: string, minCommits: number): Promise<number[]> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.resolve(__dirname, "../support/fixtures/write-stream.ts"), kind, location],
    { env: { ...process.env, NODE_OPTIONS: "--conditions=react-server" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const committed: number[] = [];
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  await new Promise<void>((resolve, reject) => {
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        const m = line.match(/^committed (\d+)$/);
        if (m) committed.push(Number(m[1]));
      }
      if (committed.length >= minCommits) {
        child.kill("SIGKILL");
        resolve();
      }
    });
    child.on("exit", (code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`writer exited early (${code}): ${stderr.slice(-500)}`));
    });
  });
  await new Promise((r) => child.once("exit", r));
  return committed;
}

describe("a process killed mid-write loses nothing it committed", () => {
  it("every committed row is present after SIGKILL, and the database reopens cleanly", async () => {
    const kind = process.env.DATABASE_URL ? "server" : "embedded";
    await t.disconnect();
    const committed = await killWriterMidStream(kind, t.location, 40);
    expect(committed.length).toBeGreaterThanOrEqual(40);

    const reopened = await openDatabase(
      kind === "server" ? { databaseUrl: t.location, migrate: false } : { dataDir: t.location, migrate: false },
    );
    try {
      const rows = await reopened.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, "crash.write"));
      const present = new Set(rows.map((r) => r.id));
      for (const id of committed) expect(present.has(id)).toBe(true);
      // At most the one transaction in flight at the kill may also have landed.
      expect(rows.length - committed.length).toBeLessThanOrEqual(1);
    } finally {
      await reopened.close();
    }
  }, 180_000);
});
