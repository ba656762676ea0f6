import { getDbHandle } from "@/db/client";
import { isDatabaseEmpty, seedDemo } from "@/lib/demo/westchester/seed-demo";
import { env } from "@/lib/env.js";

export async function prepareDatabaseOnStart(): Promise<void> {
  const started = Date.now();
  try {
    const handle = await getDbHandle();
    if (handle.kind === "embedded" && (await isDatabaseEmpty(handle.db))) {
      const added = await seedDemo(handle.db);
      console.log(
        `[sightline] empty embedded database: seeded the synthetic Westchester demo (${added.registrations} registrations, ` +
          `${added.addressPoints} address points, ${added.centerlines} centerline segments)`,
      );
    }
    console.log(
      `[sightline] ${handle.kind} database ready in ${Date.now() - started} ms — open http://localhost:${env.PORT}`,
    );
  } catch (err) {
    // Keep serving: /api/health answers 503 and the next request retries the open.
    console.error(`[sightline] database not ready: ${err instanceof Error ? err.message : String(err)}`);
  }
}
