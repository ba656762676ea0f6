import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { evidenceCustody } from "@/db/schema";
import type { Db } from "@/db/client";
import type { AuditActor } from "@/lib/audit/record-audit";

export type CustodyEvent =
  | "received"
  | "collected_in_person"
  | "scanned"
  | "not_scanned"
  | "viewed"
  | "downloaded"
  | "download_refused"
  | "exported"
  | "quarantined"
  | "purged";

/** Append one custody event, in the transaction of what it records. */
export async function recordCustody(
  tx: Pick<Db, "insert">,
  actor: AuditActor,
  event: { itemId: string; event: CustodyEvent; reason?: string | null; sha256?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(evidenceCustody).values({
    evidenceItemId: event.itemId,
    event: event.event,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    reason: event.reason ?? null,
    sha256: event.sha256 ?? null,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent ? actor.userAgent.slice(0, 512) : null,
    details: event.details ?? {},
  });
}

/**
 * The same custody row as recordCustody's, as an INSERT to fold into the statement that does what it records (a
 * data-modifying CTE), written only when the CTE `onlyIfRowsIn` holds a row: the event and what it records commit
 * together, in one round trip (receive.ts).
 */
export function custodyInsertSql(
  actor: AuditActor,
  event: { itemId: string; event: CustodyEvent; reason?: string | null; sha256?: string | null; details?: Record<string, unknown> },
  onlyIfRowsIn: SQL,
): SQL {
  return sql`insert into ${evidenceCustody} (evidence_item_id, event, actor_user_id, actor_label, reason, sha256, ip, user_agent, details)
    select ${event.itemId}::uuid, ${event.event}::text, ${actor.userId}::uuid, ${actor.label}::text, ${event.reason ?? null}::text,
      ${event.sha256 ?? null}::text, ${actor.ip ?? null}::text, ${actor.userAgent ? actor.userAgent.slice(0, 512) : null}::text,
      ${JSON.stringify(event.details ?? {})}::jsonb
    where exists (select 1 from ${onlyIfRowsIn})`;
}
