import "server-only";
import crypto from "node:crypto";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { canvassEntries, evidenceCustody, evidenceItems, registrations, type EvidenceCustodyEvent, type EvidenceItem } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError, validationError } from "@/lib/http/errors";
import { recordCustody } from "./custody";
import type { EvidenceStore } from "./storage";
import { awaitsScan, scanEvidenceItem, type VirusScanner } from "./virus-scan";

export interface EvidenceListing {
  item: EvidenceItem;
  address: string | null;
  walkOrder: number | null;
  custody: EvidenceCustodyEvent[];
}

/** An incident's evidence that has fully arrived (never a partial upload), purged items included, with each item's custody log. */
export async function listIncidentEvidence(db: Pick<Db, "select">, incidentId: string): Promise<EvidenceListing[]> {
  const rows = await db
    .select({ item: evidenceItems, address: registrations.addressLine1, walkOrder: canvassEntries.walkOrder })
    .from(evidenceItems)
    .leftJoin(canvassEntries, eq(canvassEntries.id, evidenceItems.canvassEntryId))
    .leftJoin(registrations, eq(registrations.id, canvassEntries.registrationId))
    .where(eq(evidenceItems.incidentId, incidentId))
    .orderBy(asc(canvassEntries.walkOrder), asc(evidenceItems.receivedAt));
  // Purged items stay listed (their hash and custody log are the record of what was held and when it went).
  const listed = rows.filter((r) => r.item.status !== "uploading");
  const ids = listed.map((r) => r.item.id);
  const events = ids.length
    ? await db.select().from(evidenceCustody).where(inArray(evidenceCustody.evidenceItemId, ids)).orderBy(asc(evidenceCustody.at), asc(evidenceCustody.id))
    : [];
  return listed.map((r) => ({ ...r, custody: events.filter((e) => e.evidenceItemId === r.item.id) }));
}

/** A received item as a canvass stop shows it: a thumbnail and a name, linking to the Evidence page. */
export interface StopEvidence {
  id: string;
  incidentId: string;
  canvassEntryId: string;
  originalName: string;
  source: EvidenceItem["source"];
  hasPoster: boolean;
  media: Record<string, unknown> | null;
}

/** The received items of some canvass stops (owner uploads and evidence collected in person). */
export async function listStopEvidence(db: Pick<Db, "select">, entryIds: string[]): Promise<StopEvidence[]> {
  if (entryIds.length === 0) return [];
  const rows = await db
    .select({ id: evidenceItems.id, incidentId: evidenceItems.incidentId, canvassEntryId: evidenceItems.canvassEntryId, originalName: evidenceItems.originalName, source: evidenceItems.source, hasPoster: evidenceItems.hasPoster, media: evidenceItems.media })
    .from(evidenceItems)
    .where(and(inArray(evidenceItems.canvassEntryId, entryIds), eq(evidenceItems.status, "received")))
    .orderBy(asc(evidenceItems.receivedAt));
  return rows.filter((r): r is StopEvidence => r.canvassEntryId !== null);
}

/** SHA-256 of what is on disk now: one full read. */
export async function hashStored(store: EvidenceStore, id: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of store.read(id)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Before a file leaves the store for a person: the reason is required, the
 * file is re-read and its hash compared with the one recorded on receipt. A
 * mismatch refuses the download, logs it in the custody log and raises an
 * alert in the audit trail. A match logs the download (who, when, why).
 * An item still waiting for a virus verdict is scanned first when a scanner is
 * configured; a quarantined item never leaves (409 with the signature).
 */
export async function releaseEvidence(
  db: Db,
  store: EvidenceStore,
  actor: AuditActor,
  itemId: string,
  input: { reason: string | null; event: "downloaded" | "viewed"; scanner?: VirusScanner | null },
): Promise<EvidenceItem> {
  const reason = input.reason?.trim() ?? "";
  if (reason.length < 3) throw validationError({ reason: "say why you are opening this evidence (at least 3 characters)" });
  if (reason.length > 500) throw validationError({ reason: "must be at most 500 characters" });
  let [item] = await db.select().from(evidenceItems).where(eq(evidenceItems.id, itemId)).limit(1);
  if (item && input.scanner && awaitsScan(item)) item = (await scanEvidenceItem(db, store, input.scanner, itemId, actor)) ?? item;
  if (!item || (item.status !== "received" && item.status !== "quarantined")) throw new AppError("not_found", "evidence item not found");
  if (item.status === "quarantined") throw new AppError("conflict", `refused: this file is quarantined by the virus scanner (${item.scanResult ?? "flagged"}); it cannot be opened or downloaded here`);
  let actual: string | null;
  try {
    actual = await hashStored(store, itemId);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    actual = null;
  }
  if (actual !== item.sha256) {
    await db.transaction(async (tx) => {
      await recordCustody(tx, actor, { itemId, event: "download_refused", reason, sha256: actual, details: { expected: item.sha256, found: actual ?? "missing" } });
      await recordAudit(tx, actor, {
        action: "evidence.integrity_alert",
        targetType: "evidence_item",
        targetId: itemId,
        details: { incidentId: item.incidentId, expected: item.sha256, found: actual ?? "missing" },
      });
    });
    throw new AppError("conflict", "refused: the stored file no longer matches the hash recorded when it was received; this has been logged");
  }
  await db.transaction(async (tx) => {
    await recordCustody(tx, actor, { itemId, event: input.event, reason, sha256: actual });
    await recordAudit(tx, actor, { action: `evidence.${input.event}`, targetType: "evidence_item", targetId: itemId, details: { incidentId: item.incidentId } });
  });
  return item;
}

/**
 * Whether this staff member started playback of this item (a "viewed" custody
 * row of theirs) since `since`: a video element's later range requests (seeks)
 * belong to that logged view. Anyone else's range request starts a view of its own.
 */
export async function viewedSince(db: Pick<Db, "select">, itemId: string, userId: string | null, since: Date): Promise<boolean> {
  if (!userId) return false;
  const [row] = await db
    .select({ id: evidenceCustody.id })
    .from(evidenceCustody)
    .where(and(eq(evidenceCustody.evidenceItemId, itemId), eq(evidenceCustody.event, "viewed"), eq(evidenceCustody.actorUserId, userId), gt(evidenceCustody.at, since)))
    .limit(1);
  return Boolean(row);
}

export async function readEvidenceItem(db: Pick<Db, "select">, itemId: string): Promise<EvidenceItem | null> {
  const [item] = await db.select().from(evidenceItems).where(eq(evidenceItems.id, itemId)).limit(1);
  return item ?? null;
}
