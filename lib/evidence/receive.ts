import "server-only";
import { eq, sql } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import type { Db } from "@/db/client";
import { evidenceItems, footageRequests, type EvidenceItem } from "@/db/schema";
import { auditInsertSql, type AuditActor } from "@/lib/audit/record-audit";
import { analyseReceivedMedia } from "./analyse-media";
import { custodyInsertSql } from "./custody";
import { typeMismatch } from "./media-type";
import type { EvidenceStore } from "./storage";
import { scanEvidenceItem, type VirusScanner } from "./virus-scan";

/**
 * An upload whose last byte has arrived becomes evidence: the hash from the
 * running hasher (no re-read), the type sniffed from the first bytes, the
 * "received" custody event, the audit entry, the request's state. Idempotent:
 * called when the last PATCH completes and again on any later HEAD/PATCH, so a
 * crash between the last byte and this commit is finished on the client's
 * next contact. The receipt is one statement (data-modifying CTEs): the item
 * turns "received" only if it is still "uploading" (the UPDATE takes the row's
 * lock and re-checks it, so of two finalizations at once exactly one records
 * anything), and its custody row, audit entry and request state are written
 * with it or not at all; one round trip instead of a transaction's seven.
 * Then, after the commit, the virus scan when a scanner is configured (the
 * item is "pending" until it ends; a flagged file is quarantined, a failed scan
 * leaves it "not scanned": see virus-scan.ts), and only for what was not
 * quarantined the video facts and the poster frame (analyseReceivedMedia never
 * throws: a file ffprobe cannot read is still received). ffprobe never parses
 * a file clamd flagged.
 *
 * `actor`: who finished it, or a function of the item (the last PATCH's sender
 * depends on whether it is an owner's upload or staff's); null: the uploader
 * recorded at creation.
 */
export async function finalizeUpload(
  db: Db,
  store: EvidenceStore,
  itemId: string,
  actor: AuditActor | null | ((item: EvidenceItem) => Promise<AuditActor | null>),
  scanner: VirusScanner | null = null,
): Promise<boolean> {
  const [item] = await db.select().from(evidenceItems).where(eq(evidenceItems.id, itemId)).limit(1);
  if (!item || item.status !== "uploading") return false;
  const stored = await store.storedBytes(itemId);
  if (stored !== item.sizeBytes) return false;
  const sha256 = await store.digest(itemId);
  const headBytes = await store.head(itemId, 4100);
  const detected = await fileTypeFromBuffer(headBytes).catch(() => undefined);
  const detectedType = detected?.mime ?? null;
  const mismatch = typeMismatch(item.originalName, item.declaredType, detectedType);
  const given = typeof actor === "function" ? await actor(item) : actor;
  const who: AuditActor = given ?? { userId: item.uploadedBy, label: item.source === "in_person" ? "staff" : "public", ip: item.clientIp, userAgent: item.userAgent };
  const receivedRow = sql`received`;
  const result = await db.execute(sql`
    with received as (
      update ${evidenceItems}
      set status = 'received', sha256 = ${sha256}::text, detected_type = ${detectedType}::text, type_mismatch = ${mismatch}::boolean,
        received_at = now(), scan_status = ${scanner ? "pending" : null}::evidence_scan_status
      where id = ${itemId}::uuid and status = 'uploading'
      returning id
    ),
    custody as (
      ${custodyInsertSql(
        who,
        {
          itemId,
          event: item.source === "in_person" ? "collected_in_person" : "received",
          sha256,
          details: {
            footageRequestId: item.footageRequestId,
            incidentId: item.incidentId,
            sizeBytes: item.sizeBytes,
            originalName: item.originalName,
            declaredType: item.declaredType,
            detectedType,
            typeMismatch: mismatch,
          },
        },
        receivedRow,
      )}
    ),
    request_state as (
      update ${footageRequests} set state = 'received', updated_at = now()
      where id = ${item.footageRequestId}::uuid and state in ('sent', 'opened', 'uploading') and exists (select 1 from received)
    ),
    audited as (
      ${auditInsertSql(
        who,
        {
          action: "evidence.received",
          targetType: "evidence_item",
          targetId: itemId,
          details: { incidentId: item.incidentId, footageRequestId: item.footageRequestId, source: item.source, sizeBytes: item.sizeBytes, sha256, typeMismatch: mismatch },
        },
        undefined,
        receivedRow,
      )}
    )
    select count(*)::int as received from received`);
  const received = Number((result.rows[0] as { received: number | string } | undefined)?.received ?? 0) === 1;
  if (received && scanner) await scanEvidenceItem(db, store, scanner, itemId);
  // Without a scan nothing can have changed the item since the receipt: its facts are known, no second read.
  if (received) await analyseReceivedMedia(db, store, itemId, scanner ? undefined : { ...item, status: "received", detectedType });
  return received;
}
