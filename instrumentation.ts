/**
 * Runs once when the Next.js server starts: open the database (which applies
 * migrations), seed an empty embedded database with the demo data, and print
 * where the app is. A server deployment (DATABASE_URL) is never auto-seeded.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabaseOnStart } = await import("./lib/startup/prepare-database");
  await prepareDatabaseOnStart();
}
