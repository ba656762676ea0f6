/**
 * Runs once when the Next.js server starts: open the database (which applies
 * migrations), seed an empty embedded database with the demo data, and print
 * where the app is. A server deployment (DATABASE_URL) is never auto-seeded.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First: every request from here on carries its socket address (lib/http/peer-address.ts).
  const { installPeerAddressHeader } = await import("./lib/http/peer-address");
  installPeerAddressHeader();
  // next-auth v4 builds its redirects from NEXTAUTH_URL and otherwise assumes localhost:3000.
  const { publicBaseUrl } = await import("./lib/http/public-url");
  process.env.NEXTAUTH_URL ??= publicBaseUrl();
  // A short or world-readable DATA_DIR/auth-secret would sign every session: stop with one line instead.
  const { authSecret } = await import("./lib/auth/auth-secret");
  try {
    authSecret();
  } catch (err) {
    console.error(`[sightline] refusing to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const { prepareDatabaseOnStart } = await import("./lib/startup/prepare-database");
  await prepareDatabaseOnStart();
  // Contact erasure, re-confirmation reminders, evidence purge: daily, by one instance at a time.
  const { scheduleMaintenanceOnStart } = await import("./lib/startup/maintenance-schedule");
  scheduleMaintenanceOnStart();
}
