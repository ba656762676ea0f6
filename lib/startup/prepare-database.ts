import { getDbHandle } from "@/db/client";
import { isDatabaseEmpty, seedDemo } from "@/lib/demo/westchester/seed-demo";
import { ensureDemoUsers, presentDemoCredentials } from "@/lib/demo/demo-users";
import { env } from "@/lib/env.js";
import { MigrationsPendingError } from "@/db/roles";
import { totpKeyring } from "@/lib/auth/totp-key";
import { sealStoredTotpSecrets, unreadableTotpMessage } from "@/lib/auth/totp-secret-migration";
import { checkDatabaseRole } from "./database-role-check";

export async function prepareDatabaseOnStart(): Promise<void> {
  const started = Date.now();
  try {
    const handle = await getDbHandle();
    if (handle.kind === "server") {
      const role = await checkDatabaseRole(handle.db, env.DATABASE_ROLE_CHECK);
      if (role.message) console[role.ok ? "warn" : "error"](role.message);
      if (!role.ok) process.exit(1);
    }
    // Staff TOTP secrets: seal any still stored in plain base32, re-seal any under a previous key; stop if some cannot be read.
    const keyring = totpKeyring();
    const totp = await sealStoredTotpSecrets(handle.db, keyring);
    if (totp.sealed || totp.resealed) {
      console.log(`[sightline] second-factor secrets: ${totp.sealed} encrypted at rest for the first time, ${totp.resealed} re-encrypted with the current key`);
    }
    const unreadable = unreadableTotpMessage(totp, keyring);
    if (unreadable) {
      console.error(`[sightline] refusing to start: ${unreadable}`);
      process.exit(1);
    }
    // Only the embedded demo is ever seeded by itself; a server database never gets demo data or accounts.
    if (handle.kind === "embedded" && (await isDatabaseEmpty(handle.db))) {
      const added = await seedDemo(handle.db);
      const demoUsers = await ensureDemoUsers(handle.db);
      console.log(
        `[sightline] empty embedded database: seeded the synthetic Westchester demo (${added.registrations} registrations, ` +
          `${added.addressPoints} address points, ${added.centerlines} centerline segments) and ${demoUsers} demo account(s)`,
      );
    }
    const { warmRegistryPoints } = await import("@/lib/investigation/site-points-cache");
    warmRegistryPoints(handle.db);
    console.log(
      `[sightline] ${handle.kind} database ready in ${Date.now() - started} ms — open http://localhost:${env.PORT}`,
    );
    if (handle.kind === "embedded") {
      const demo = await presentDemoCredentials(handle.db);
      if (demo.length) {
        console.log("[sightline] demo staff accounts (embedded demo only; sign in at /signin):");
        for (const d of demo) console.log(`[sightline]   ${d.role.padEnd(10)} ${d.email}  ${d.password}`);
      }
    }
  } catch (err) {
    // The runtime role cannot migrate: serving an older schema would fail in odd places, so stop with one line.
    if (err instanceof MigrationsPendingError) {
      console.error(`[sightline] refusing to start: ${err.message}`);
      process.exit(1);
    }
    // Keep serving: /api/health answers 503 and the next request retries the open.
    console.error(`[sightline] database not ready: ${err instanceof Error ? err.message : String(err)}`);
  }
}
