import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import type { Db } from "@/db/client";
import { evidenceItems, footageRequests } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { analyseReceivedMedia } from "./analyse-media";
import { recordCustody } from "./custody";
import { typeMismatch } from "./media-type";
import type { EvidenceStore } from "./storage";
import { scanEvidenceItem, type VirusScanner } from "./virus-scan";

/**
 * An upload whose last byte has arrived becomes evidence: the hash from the
 * saved hasher state (no re-read), the type sniffed from the first bytes, the
 * "received" custody event, the request's state. Idempotent: called when the
 * last PATCH completes and again on any later HEAD/PATCH, so a crash between
 * the last byte and this commit is finished on the client's next contact.
 * Then, after the commit, the virus scan when a scanner is configured (the
 * item is "pending" until it ends; a flagged file is quarantined, a failed scan
 * leaves it "not scanned": see virus-scan.ts), and only for what was not
 * quarantined the video facts and the poster frame (analyseReceivedMedia never
 * throws: a file ffprobe cannot read is still received). ffprobe never parses
 * a file clamd flagged.
 */
export async function finalizeUpload(db: Db, store: EvidenceStore, itemId: string, actor: AuditActor | null, scanner: VirusScanner | null = null): Promise<boolean> {
  const [item] = await db.select().from(evidenceItems).where(eq(evidenceItems.id, itemId)).limit(1);
  if (!item || item.status !== "uploading") return false;
  const stored = await store.storedBytes(itemId);
  if (stored !== item.sizeBytes) return false;
  const sha256 = await store.digest(itemId);
  const detected = await fileTypeFromBuffer(await store.head(itemId, 4100)).catch(() => undefined);
  const detectedType = detected?.mime ?? null;
  const mismatch = typeMismatch(item.originalName, item.declaredType, detectedType);
  const who: AuditActor = actor ?? { userId: item.uploadedBy, label: item.source === "in_person" ? "staff" : "public", ip: item.clientIp, userAgent: item.userAgent };
  const received = await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(evidenceItems).where(eq(evidenceItems.id, itemId)).for("update").limit(1);
    if (!locked || locked.status !== "uploading") return false;
    const now = new Date();
    await tx
      .update(evidenceItems)
      .set({ status: "received", sha256, detectedType, typeMismatch: mismatch, receivedAt: now, scanStatus: scanner ? "pending" : null })
      .where(eq(evidenceItems.id, itemId));
    await recordCustody(tx, who, {
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
    });
    if (item.footageRequestId) {
      await tx
        .update(footageRequests)
        .set({ state: "received", updatedAt: now })
        .where(and(eq(footageRequests.id, item.footageRequestId), inArray(footageRequests.state, ["sent", "opened", "uploading"])));
    }
    await recordAudit(tx, who, {
      action: "evidence.received",
      targetType: "evidence_item",
      targetId: itemId,
      details: { incidentId: item.incidentId, footageRequestId: item.footageRequestId, source: item.source, sizeBytes: item.sizeBytes, sha256, typeMismatch: mismatch },
    });
    return true;
  });
  if (received && scanner) await scanEvidenceItem(db, store, scanner, itemId);
  if (received) await analyseReceivedMedia(db, store, itemId);
  return received;
}
