/**
 * What the Node.js server does once at start (instrumentation.ts imports this
 * only in the Node.js runtime, so the Edge bundle never sees `process.exit`):
 * carry each request's socket address, take tus PATCH bodies off Next.js's
 * request path, check the auth secret, open the database (migrations, the demo
 * seed on an empty embedded one, the TOTP secrets sealed), and schedule the
 * daily maintenance.
 */
export async function onServerStart(): Promise<void> {
  // First: every request from here on carries its socket address (lib/http/peer-address.ts).
  const { installPeerAddressHeader } = await import("@/lib/http/peer-address");
  installPeerAddressHeader();
  // tus PATCH bodies go from the socket to the evidence store without Next.js's and tus's streams (lib/evidence/node-uploads.ts).
  const { installNodeUploads } = await import("@/lib/evidence/node-uploads");
  installNodeUploads();
  // next-auth v4 builds its redirects from NEXTAUTH_URL and otherwise assumes localhost:3000.
  const { publicBaseUrl } = await import("@/lib/http/public-url");
  process.env.NEXTAUTH_URL ??= publicBaseUrl();
  // A short or world-readable DATA_DIR/auth-secret would sign every session: stop with one line instead.
  const { authSecret } = await import("@/lib/auth/auth-secret");
  try {
    authSecret();
  } catch (err) {
    console.error(`[sightline] refusing to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const { prepareDatabaseOnStart } = await import("./prepare-database");
  await prepareDatabaseOnStart();
  // Contact erasure, re-confirmation reminders, evidence purge: daily, by one instance at a time.
  const { scheduleMaintenanceOnStart } = await import("./maintenance-schedule");
  scheduleMaintenanceOnStart();
}
