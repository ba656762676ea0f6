/**
 * Runs the built app (`next start`) against a bench database for the API and
 * map measurements, through the shared launcher (scripts/support/next-app.ts):
 * builds first when there is no build, waits for /api/health, stops it when done.
 * Adds what only the bench needs: a throwaway signing secret, password-only
 * staff sign-in, and the peak memory of the app's process tree.
 */
import crypto from "node:crypto";
import path from "node:path";
import { ensureBuild, startBuiltApp } from "../../support/next-app";
import { processTreePeakRssMb } from "./stats";

export interface BenchApp {
  baseUrl: string;
  pid: number;
  /** Peak RSS of the app's process tree so far, MB. */
  peakRssMb(): number | null;
  stop(): Promise<void>;
}

export async function startApp(options: { env: Record<string, string>; port?: number }): Promise<BenchApp> {
  ensureBuild((line) => console.log(`[bench] ${line}`));
  const app = await startBuiltApp({
    env: {
      // A server database needs a signing secret; the bench's is thrown away with the run.
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"),
      // Likewise the key of the staff second-factor secrets (the bench's staff have none).
      TOTP_ENCRYPTION_KEY: process.env.TOTP_ENCRYPTION_KEY || crypto.randomBytes(32).toString("hex"),
      // The bench signs in staff with a password only (the server default asks for a second factor).
      MFA_REQUIRED: "false",
      ...options.env,
    },
    logFile: path.resolve("bench-app.log"),
    port: options.port,
  });
  const pid = app.child.pid!;
  return { baseUrl: app.baseUrl, pid, peakRssMb: () => processTreePeakRssMb(pid), stop: () => app.stop() };
}
