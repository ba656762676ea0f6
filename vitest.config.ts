import path from "node:path";
import { defineConfig } from "vitest/config";

// A fixed secret so the configuration validates when DATABASE_URL is set
// (global setup runs in this process, test files inherit it).
process.env.NEXTAUTH_SECRET ??= "test-only-secret-0123456789abcdef0123456789";
// Likewise the key that encrypts staff TOTP secrets at rest (required with DATABASE_URL), so apps the
// fault tests start read the secrets the test factories sealed.
process.env.TOTP_ENCRYPTION_KEY ??= "746573742d6f6e6c7920746f7470206b65792030313233343536373839616221";
// Likewise the public base URL (required with DATABASE_URL; http is accepted on loopback only).
process.env.NEXTAUTH_URL ??= "http://localhost:3000";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // Tests import server modules directly; outside React's server build
      // the `server-only` guard would throw, so it is an empty module here.
      "server-only": path.resolve(__dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/faults/**/*.test.ts", "lib/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    pool: "forks",
    // PGlite + PostGIS is memory-hungry and the machine has 2 cores.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
