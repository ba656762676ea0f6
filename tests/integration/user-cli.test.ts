/**
 * The command-line tools as an operator runs them (npm run user:create / user:token / user:unlock),
 * against a database of their own: a server database, or an embedded data directory.
 *
 * Every command runs at least once as a real child process (tsx, its own database connection,
 * stdin/stdout/stderr and exit code). Its refusals of bad input run the same command in-process
 * (scripts/commands/user-accounts.ts) on the test's connection: each child process starts tsx and
 * opens PGlite + PostGIS (seconds of CPU), and the embedded data directory must be closed here
 * for each child and reopened after it.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "@/db/client";
import { principalForApiToken } from "@/lib/auth/api-token";
import { verifyPassword } from "@/lib/auth/password";
import { userCreate, userToken, userUnlock } from "@/scripts/commands/user-accounts";
import type { Command } from "@/scripts/run-cli";
import { CHILD_PROCESS_TIMEOUT_MS, PROCESS_TEST_TIMEOUT_MS } from "../support/process-budget";
import { createTestDatabase, TEMPLATE_DIR, type TestDatabase } from "../support/test-database";

const ROOT = path.resolve(__dirname, "../..");
const serverMode = Boolean(process.env.DATABASE_URL);
let serverDb: TestDatabase | undefined;
let dataDir = "";
/** Embedded: the test's own connection to the data directory, closed while a child process needs it. */
let embedded: DbHandle | undefined;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The test's connection (embedded: opened on first use after a child process ran). */
async function db(): Promise<DbHandle> {
  if (serverDb) return serverDb;
  embedded ??= await openDatabase({ dataDir, migrate: false });
  return embedded;
}

async function releaseEmbedded(): Promise<void> {
  const open = embedded;
  embedded = undefined;
  await open?.close();
}

/** Starts the CLI as a child process without blocking the test worker (so vitest's timeout can still fire). */
function spawnCli(script: "user-create" | "user-token" | "user-unlock", args: string[], stdin = ""): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: serverMode ? serverDb!.location : "", DATA_DIR: dataDir };
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", `scripts/${script}.ts`, ...args],
      { cwd: ROOT, env, encoding: "utf8", timeout: CHILD_PROCESS_TIMEOUT_MS },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout: stdout.trim(), stderr: stderr.trim() }),
    );
    child.stdin!.end(stdin);
  });
}

/** The CLI as a child process, with the data directory free for it (as when the app is not running). */
async function cli(script: "user-create" | "user-token" | "user-unlock", args: string[], stdin = ""): Promise<CliResult> {
  await releaseEmbedded();
  return spawnCli(script, args, stdin);
}

/** The same command in this process on the test's connection, its lines collected as the child's would be. */
async function inProcess(command: Command, args: string[], stdin = ""): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const firstLine = stdin.split(/\r?\n/)[0] ?? "";
  const code = await command(await db(), args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readStdin: async () => (firstLine.length ? firstLine : null),
  });
  return { code, stdout: out.join("\n").trim(), stderr: err.join("\n").trim() };
}

beforeAll(async () => {
  if (serverMode) serverDb = await createTestDatabase();
  else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-cli-"));
    fs.cpSync(TEMPLATE_DIR, dataDir, { recursive: true });
    fs.rmSync(path.join(dataDir, "sightline.lock"), { force: true });
  }
});
afterAll(async () => {
  await releaseEmbedded();
  await serverDb?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe(`user CLI (${serverMode ? "server" : "embedded"})`, { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it("creates an account with the password from stdin, or a generated one printed once", async () => {
    const piped = await cli("user-create", ["--email", "First.Admin@agency.example", "--name", "First Admin", "--role", "admin"], "a long passphrase of my own\n");
    expect(piped).toMatchObject({ code: 0, stdout: expect.stringMatching(/^created admin first\.admin@agency\.example /) });
    expect(piped.stdout).not.toContain("password");

    const generated = await cli("user-create", ["--email", "det@agency.example", "--name", "Det", "--role", "detective"]);
    expect(generated.code).toBe(0);
    const password = generated.stdout.match(/password \(shown once\): (\S+)/)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(20);

    {
      const { db: conn } = await db();
      const rows = (await conn.execute(sql`select email, role, password_hash from users order by email`)).rows as { email: string; role: string; password_hash: string }[];
      expect(rows.map((r) => [r.email, r.role])).toEqual([
        ["det@agency.example", "detective"],
        ["first.admin@agency.example", "admin"],
      ]);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(rows[0].password_hash, password!)).toBe(true);
      expect(await verifyPassword(rows[1].password_hash, "a long passphrase of my own")).toBe(true);
      const audit = (await conn.execute(sql`select actor_label, action from audit_log where action = 'user.created'`)).rows;
      expect(audit).toEqual([
        { actor_label: "cli", action: "user.created" },
        { actor_label: "cli", action: "user.created" },
      ]);
    }
  });

  it("refuses bad input with one line per field and writes nothing", async () => {
    const bad = await inProcess(userCreate, ["--email", "x@agency.example", "--name", "X", "--role", "detective"], "password1234\n");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("error: --password is too common; choose a longer phrase of unrelated words");
    const dup = await inProcess(userCreate, ["--email", "DET@agency.example", "--name", "D", "--role", "detective"]);
    expect(dup).toMatchObject({ code: 1, stderr: "error: --email an account with this e-mail already exists" });
    const [{ n }] = (await (await db()).db.execute(sql`select count(*)::int as n from users`)).rows as { n: number }[];
    expect(n).toBe(2);
  });

  it("prints a working API token for a user, with an expiry", async () => {
    const out = await cli("user-token", ["--email", "det@agency.example", "--days", "7"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^sl_[A-Za-z0-9_-]{43}$/);
    expect(out.stderr).toMatch(/expires \d{4}-\d{2}-\d{2}T/);
    expect(await principalForApiToken((await db()).db, out.stdout)).toMatchObject({ email: "det@agency.example", role: "detective" });
    expect(await inProcess(userToken, ["--email", "nobody@agency.example"])).toMatchObject({ code: 1, stdout: "", stderr: "error: --email has no account" });
    expect(await inProcess(userToken, ["--email", "det@agency.example", "--days", "0"])).toMatchObject({ code: 1, stdout: "", stderr: "error: --days must be at least 1" });
  });

  it("unlocks a locked account (npm run user:unlock), audited", async () => {
    const lockedUntil = new Date(Date.now() + 3_600_000);
    {
      const { db: conn } = await db();
      await conn.execute(sql`update users set locked_until = ${lockedUntil.toISOString()}::timestamptz, failed_sign_ins = 0 where email = 'det@agency.example'`);
    }
    const out = await cli("user-unlock", ["--email", "DET@agency.example"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^unlocked det@agency\.example \(was locked until /);
    {
      const { db: conn } = await db();
      const row = (await conn.execute(sql`select locked_until from users where email = 'det@agency.example'`)).rows[0] as { locked_until: unknown };
      expect(row.locked_until).toBeNull();
      const audit = await conn.execute(sql`select actor_label from audit_log where action = 'user.unlocked' order by id desc limit 1`);
      expect(audit.rows).toEqual([{ actor_label: "cli" }]);
    }
    expect(await inProcess(userUnlock, ["--email", "nobody@agency.example"])).toMatchObject({ code: 1, stderr: "error: no account with the e-mail nobody@agency.example" });
  });

  it.skipIf(serverMode)(`says in one line that the embedded database is in use by the running app${serverMode ? " (skipped: the server stage has no embedded database)" : ""}`, async () => {
    await db(); // this process holds the data directory, as the running app would
    const out = await spawnCli("user-token", ["--email", "det@agency.example"]);
    expect(out.code).toBe(1);
    expect(out.stderr.split("\n")).toHaveLength(1);
    expect(out.stderr).toMatch(/^error: The embedded database in .* is in use by another process \(pid \d+\)/);
  });
});
