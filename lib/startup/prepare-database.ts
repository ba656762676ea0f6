import { getDbHandle } from "@/db/client";
import { isDatabaseEmpty, seedFixture } from "@/lib/demo/seed-fixture";
import { env } from "@/lib/env.js";

export async function prepareDatabaseOnStart(): Promise<void> {
  const started = Date.now();
  try {
    const handle = await getDbHandle();
    if (handle.kind === "embedded" && (await isDatabaseEmpty(handle.db))) {
      const added = await seedFixture(handle.db);
      console.log(`[sightline] empty embedded database: seeded ${added.registrations} demo registration(s)`);
    }
    console.log(
      `[sightline] ${handle.kind} database ready in ${Date.now() - started} ms — open http://localhost:${env.PORT}`,
    );
  } catch (err) {
    // Keep serving: /api/health answers 503 and the next request retries the open.
    console.error(`[sightline] database not ready: ${err instanceof Error ? err.message : String(err)}`);
  }
}
