/**
 * Runs once when the Next.js server starts: open the database (which applies
 * migrations), seed an empty embedded database with the demo data, and print
 * where the app is. A server deployment (DATABASE_URL) is never auto-seeded.
 * The work is in lib/startup/on-server-start.ts, imported only in the Node.js
 * runtime so the Edge build does not analyse Node-only code.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { onServerStart } = await import("./lib/startup/on-server-start");
  await onServerStart();
}
