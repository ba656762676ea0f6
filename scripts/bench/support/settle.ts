/**
 * After the bench's bulk load, before anything is timed: a CHECKPOINT writes out what generating the sites left
 * dirty, so the timed searches' and API requests' commits (the audit entry's WAL flush) do not queue behind that
 * write-back (issue 18: a registry is not bulk-loaded seconds before it is searched). PostgreSQL 15 allows it to a
 * superuser or a member of pg_checkpoint; for any other role it is skipped, and the answer says so.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";

export async function settleAfterLoad(db: Pick<Db, "execute">): Promise<{ checkpointed: boolean; detail: string }> {
  const started = performance.now();
  try {
    await db.execute(sql`checkpoint`);
    return { checkpointed: true, detail: `CHECKPOINT after generating: ${Math.round(performance.now() - started)} ms` };
  } catch (err) {
    return { checkpointed: false, detail: `no CHECKPOINT after generating (${err instanceof Error ? err.message : String(err)})` };
  }
}
