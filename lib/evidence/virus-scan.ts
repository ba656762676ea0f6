import "server-only";
/**
 * Virus scanning of received evidence (clamd, when CLAMAV_HOST is set).
 *
 * What is decided here:
 * - A flagged file is quarantined, never deleted: it is evidence, and the
 *   signature may be a false positive on a recorder's player. The item's status
 *   becomes "quarantined", the custody log records the signature and the engine,
 *   and the audit trail raises `evidence.malware_alert`. Nobody can download,
 *   play or package it through the app (no override: a forensic examiner takes
 *   it from EVIDENCE_DIR/<id> on the server, outside the app).
 * - A scan that gets no verdict (clamd down, timed out, the file over clamd's
 *   StreamMaxLength) loses nothing: the item stays received and readable, is
 *   marked "not scanned" with the reason, the custody log says so, and the
 *   audit trail records `evidence.scan_failed`.
 * - Retry: an item pending or not scanned (or received before scanning was
 *   configured) is scanned again before anyone opens it (view, download,
 *   package) while a scanner is configured, and `npm run evidence:scan` scans
 *   every such item (for a scheduled job). Until then staff see "not scanned".
 */
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { evidenceItems, type EvidenceItem } from "@/db/schema";
import { recordAudit, systemActor, type AuditActor } from "@/lib/audit/record-audit";
import { ClamdError, clamdVersion, scanWithClamd, type ClamdAddress, type ClamdVerdict } from "./clamd-client";
import { recordCustody } from "./custody";
import type { EvidenceStore } from "./storage";

export interface VirusScanner {
  /** Where it runs, for the custody log ("clamd 127.0.0.1:3310"). */
  name: string;
  /** The engine and signature version, or null if it cannot be asked. */
  version(): Promise<string | null>;
  /** A verdict, or a thrown error when none could be had. */
  scan(source: AsyncIterable<Uint8Array>): Promise<ClamdVerdict>;
}

export function createClamdScanner(address: ClamdAddress): VirusScanner {
  return {
    name: `clamd ${address.host}:${address.port}`,
    version: () => clamdVersion(address).catch(() => null),
    scan: (source) => scanWithClamd(address, source),
  };
}

/** Received, and not yet given a verdict by a scanner. */
export function awaitsScan(item: Pick<EvidenceItem, "status" | "scanStatus">): boolean {
  return item.status === "received" && item.scanStatus !== "clean";
}

/** What staff read about an item's scan. */
export function describeScan(item: Pick<EvidenceItem, "status" | "scanStatus" | "scanResult">): string {
  if (item.status === "quarantined" || item.scanStatus === "infected") return `quarantined: ${item.scanResult ?? "flagged by the virus scanner"}`;
  switch (item.scanStatus) {
    case "clean":
      return `virus scan: clean${item.scanResult ? ` (${item.scanResult})` : ""}`;
    case "pending":
      return "virus scan: in progress";
    case "not_scanned":
      return `not scanned: ${item.scanResult ?? "the scanner gave no verdict"}`;
    default:
      return "not scanned: no virus scanner was configured when it arrived";
  }
}

/**
 * Scan one received item now and record the outcome. Returns the item as it
 * stands after (quarantined, clean, or still received but not scanned).
 * Never throws for the scanner's sake: a scan error is an outcome.
 */
export async function scanEvidenceItem(db: Db, store: EvidenceStore, scanner: VirusScanner, itemId: string, actor: AuditActor = systemActor("virus scan")): Promise<EvidenceItem | null> {
  const [before] = await db.select().from(evidenceItems).where(eq(evidenceItems.id, itemId)).limit(1);
  if (!before || !awaitsScan(before)) return before ?? null;
  const engine = await scanner.version();
  let outcome: { verdict: ClamdVerdict } | { error: string };
  try {
    outcome = { verdict: await scanner.scan(store.read(itemId)) };
  } catch (err) {
    if (!(err instanceof ClamdError) && (err as NodeJS.ErrnoException).code !== "ENOENT") console.error(`[evidence] scan of item ${itemId} failed:`, err);
    outcome = { error: err instanceof Error ? err.message : String(err) };
  }
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(evidenceItems).where(eq(evidenceItems.id, itemId)).for("update").limit(1);
    // Someone else's scan finished first, or the item went (purged) meanwhile.
    if (!item || !awaitsScan(item)) return item ?? null;
    const now = new Date();
    const details = { scanner: scanner.name, engine, sizeBytes: item.sizeBytes, sha256: item.sha256 };
    if ("error" in outcome) {
      await tx.update(evidenceItems).set({ scanStatus: "not_scanned", scanResult: outcome.error.slice(0, 500), scannedAt: now }).where(eq(evidenceItems.id, itemId));
      await recordCustody(tx, actor, { itemId, event: "not_scanned", sha256: item.sha256, details: { ...details, error: outcome.error } });
      await recordAudit(tx, actor, { action: "evidence.scan_failed", targetType: "evidence_item", targetId: itemId, details: { incidentId: item.incidentId, scanner: scanner.name, error: outcome.error } });
    } else if (outcome.verdict.verdict === "infected") {
      const { signature } = outcome.verdict;
      await tx.update(evidenceItems).set({ status: "quarantined", scanStatus: "infected", scanResult: signature, scannedAt: now }).where(eq(evidenceItems.id, itemId));
      await recordCustody(tx, actor, { itemId, event: "quarantined", sha256: item.sha256, details: { ...details, result: "infected", signature } });
      await recordAudit(tx, actor, {
        action: "evidence.malware_alert",
        targetType: "evidence_item",
        targetId: itemId,
        details: { incidentId: item.incidentId, footageRequestId: item.footageRequestId, signature, scanner: scanner.name, engine, sha256: item.sha256, originalName: item.originalName },
      });
    } else {
      await tx.update(evidenceItems).set({ scanStatus: "clean", scanResult: engine ?? scanner.name, scannedAt: now }).where(eq(evidenceItems.id, itemId));
      await recordCustody(tx, actor, { itemId, event: "scanned", sha256: item.sha256, details: { ...details, result: "clean" } });
    }
    const [after] = await tx.select().from(evidenceItems).where(eq(evidenceItems.id, itemId)).limit(1);
    return after ?? null;
  });
}

/** Every received item still waiting for a verdict (pending, not scanned, or received before scanning was configured). */
export async function itemsAwaitingScan(db: Pick<Db, "select">): Promise<string[]> {
  const rows = await db
    .select({ id: evidenceItems.id })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.status, "received"), or(isNull(evidenceItems.scanStatus), inArray(evidenceItems.scanStatus, ["pending", "not_scanned"]))));
  return rows.map((r) => r.id);
}

export interface RescanSummary {
  scanned: number;
  clean: number;
  quarantined: number;
  notScanned: number;
}

/** Scan every item still waiting for a verdict, one after another (clamd's threads are shared with the uploads). */
export async function scanAwaitingItems(db: Db, store: EvidenceStore, scanner: VirusScanner, actor: AuditActor): Promise<RescanSummary> {
  const summary: RescanSummary = { scanned: 0, clean: 0, quarantined: 0, notScanned: 0 };
  for (const id of await itemsAwaitingScan(db)) {
    const item = await scanEvidenceItem(db, store, scanner, id, actor);
    summary.scanned++;
    if (item?.status === "quarantined") summary.quarantined++;
    else if (item?.scanStatus === "clean") summary.clean++;
    else summary.notScanned++;
  }
  return summary;
}
