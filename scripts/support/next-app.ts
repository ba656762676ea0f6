/**
 * Start the built app for real (`next start`) as a child process on a free
 * loopback port, wait until /api/health answers, and stop it (politely, or
 * with SIGKILL for the crash tests). Used by the load test and the fault tests.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface RunningApp {
  child: ChildProcess;
  baseUrl: string;
  port: number;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once (no shutdown hooks run), and wait until the process is gone. */
  kill9(): Promise<void>;
}

/**
 * The Node.js flags `npm start` gives `next start` (package.json's start script, README "Deploying"), so
 * the load test, the bench and the fault tests run the app as a deployment does. The script must keep
 * the shape `node <flags> node_modules/next/dist/bin/next start`: anything else fails here, loudly.
 */
export function startScriptNodeFlags(startScript: string = packageStartScript()): string[] {
  const match = /^node((?:\s+--[a-z0-9-]+(?:=\S+)?)*)\s+node_modules\/next\/dist\/bin\/next start$/.exec(startScript.trim());
  if (!match) throw new Error(`package.json's start script is not \`node <flags> node_modules/next/dist/bin/next start\`: ${startScript}`);
  return match[1].trim().split(/\s+/).filter(Boolean);
}

function packageStartScript(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  return pkg.scripts?.start ?? "";
}

export function hasBuild(): boolean {
  return fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"));
}

/** `npm run build` when there is no build yet (a fresh clone). */
export function ensureBuild(log: (line: string) => void = console.log): void {
  if (hasBuild()) return;
  log("no build found: running `npm run build` first (a few minutes)…");
  const result = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`app exited (${child.exitCode ?? child.signalCode}) before it was healthy`);
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`app did not become healthy within ${timeoutMs} ms`);
}

/**
 * `env` is merged over process.env; pass DATABASE_URL: "" for the embedded
 * database. The app's output goes to `logFile` (never the console: the load
 * test prints its own report).
 */
export async function startBuiltApp(options: {
  env: Record<string, string>;
  logFile: string;
  port?: number;
  healthTimeoutMs?: number;
  /** Node.js flags for the app process besides the start script's, e.g. `--cpu-prof` (NODE_OPTIONS refuses it). */
  nodeArgs?: string[];
}): Promise<RunningApp> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.openSync(options.logFile, "a");
  const child = spawn(process.execPath, [...startScriptNodeFlags(), ...(options.nodeArgs ?? []), path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), NEXTAUTH_URL: baseUrl, ...options.env },
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  const app: RunningApp = {
    child,
    baseUrl,
    port,
    stop: async (graceMs = 5000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited(child);
      clearTimeout(timer);
    },
    kill9: async () => {
      child.kill("SIGKILL");
      await exited(child);
    },
  };
  try {
    await waitForHealth(baseUrl, child, options.healthTimeoutMs ?? 120_000);
  } catch (err) {
    await app.stop(1000);
    throw err;
  }
  return app;
}
