import "server-only";
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
