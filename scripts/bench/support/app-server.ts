/**
 * Runs the built app (`next start`) against a bench database for the API and
 * map measurements: builds first when there is no build, waits for
 * /api/health, and stops it (SIGTERM, then SIGKILL) when done.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { processTreePeakRssMb } from "./stats";

export interface RunningApp {
  baseUrl: string;
  pid: number;
  /** Peak RSS of the app's process tree so far, MB. */
  peakRssMb(): number | null;
  stop(): Promise<void>;
}

export function ensureBuild(): void {
  if (fs.existsSync(path.resolve(".next/BUILD_ID"))) return;
  console.log("[bench] no production build (.next/BUILD_ID): running npm run build first");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm run build failed");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode} (see bench-app.log)`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the app did not become healthy within ${timeoutMs} ms (see bench-app.log)`);
}

export async function startApp(options: { env: Record<string, string>; port?: number }): Promise<RunningApp> {
  ensureBuild();
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.resolve("bench-app.log"), "a");
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      NEXTAUTH_URL: baseUrl,
      // A server database needs a signing secret; the bench's is thrown away with the run.
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"),
      // The bench signs in staff with a password only (the server default asks for a second factor).
      MFA_REQUIRED: "false",
      ...options.env,
    },
    stdio: ["ignore", log, log],
  });
  try {
    await waitForHealth(baseUrl, child, 120_000);
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  return {
    baseUrl,
    pid: child.pid!,
    peakRssMb: () => processTreePeakRssMb(child.pid!),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
