import "server-only";
import fs from "node:fs";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { evidenceItems, evidenceLegalHolds, incidents, type EvidenceLegalHold } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { requireRole, type StaffContext } from "@/lib/auth/mutation-context";
import { AppError } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import { recordCustody } from "./custody";
import type { EvidenceStore } from "./storage";

/**
 * Retention of evidence: EVIDENCE_RETENTION_DAYS after its incident is
 * closed, unless the incident is under a legal hold. The purge deletes the
 * bytes (and the poster) and marks the item "purged"; the item's row, its
 * hash and its whole custody log stay, with a "purged" custody event.
 *
 * When was the incident closed? closed_at, set by the supervisor who closed it.
 * An incident closed before incidents had a closing time has only updated_at,
 * never earlier than its closing, so retention is never shorter than configured.
 */
const closedSince = sql`coalesce(${incidents.closedAt}, ${incidents.updatedAt})`;

const DAY_MS = 86_400_000;

export const legalHoldInputSchema = z
  .object({ reason: z.string({ message: "say why (at least 3 characters)" }).trim().min(3, "say why (at least 3 characters)").max(500, "must be at most 500 characters") })
  .strict();

async function lockIncident(tx: Pick<Db, "select">, incidentId: string) {
  // Setting a hold and purging an item both lock the incident row: a purge never misses a hold set while it runs.
  const [incident] = await tx.select({ id: incidents.id, status: incidents.status, closedSince: sql<Date>`${closedSince}` }).from(incidents).where(eq(incidents.id, incidentId)).for("update").limit(1);
  if (!incident) throw new AppError("not_found", "incident not found");
  return incident;
}

/**
 * A supervisor puts the incident's evidence on legal hold (with why); the purge leaves it alone until cleared.
 * `hold` is the body as the client sent it ({ reason }, parsed here); `incidentId` comes from the URL.
 */
export async function setLegalHold({ db, actor, principal }: StaffContext, input: { incidentId: string; hold: unknown }): Promise<EvidenceLegalHold> {
  const { incidentId } = input;
  const { reason } = parseInput(legalHoldInputSchema, input.hold);
  requireRole(principal, "supervisor", "only a supervisor can set a legal hold");
  return db.transaction(async (tx) => {
    await lockIncident(tx, incidentId);
    const [existing] = await tx.select().from(evidenceLegalHolds).where(eq(evidenceLegalHolds.incidentId, incidentId)).limit(1);
    if (existing) throw new AppError("conflict", "this incident is already under a legal hold");
    const [hold] = await tx.insert(evidenceLegalHolds).values({ incidentId, reason, setBy: principal.userId }).returning();
    await recordAudit(tx, actor, { action: "evidence.legal_hold_set", targetType: "incident", targetId: incidentId, details: { reason } });
    return hold;
  });
}

/** A supervisor lifts the hold (with why, `hold` as for setLegalHold); the incident's evidence is subject to retention again. */
export async function clearLegalHold({ db, actor, principal }: StaffContext, input: { incidentId: string; hold: unknown }): Promise<void> {
  const { incidentId } = input;
  const { reason } = parseInput(legalHoldInputSchema, input.hold);
  requireRole(principal, "supervisor", "only a supervisor can clear a legal hold");
  await db.transaction(async (tx) => {
    await lockIncident(tx, incidentId);
    const [removed] = await tx.delete(evidenceLegalHolds).where(eq(evidenceLegalHolds.incidentId, incidentId)).returning();
    if (!removed) throw new AppError("conflict", "this incident is not under a legal hold");
    await recordAudit(tx, actor, {
      action: "evidence.legal_hold_cleared",
      targetType: "incident",
      targetId: incidentId,
      details: { reason, heldSince: removed.setAt.toISOString(), heldFor: removed.reason },
    });
  });
}

export interface RetentionState {
  hold: EvidenceLegalHold | null;
  /** When the incident's evidence becomes due for purging; null while it is open, held, or retention is off. */
  purgeAfter: Date | null;
}

export async function retentionState(db: Pick<Db, "select">, incidentId: string, retentionDays: number | undefined): Promise<RetentionState> {
  const [hold] = await db.select().from(evidenceLegalHolds).where(eq(evidenceLegalHolds.incidentId, incidentId)).limit(1);
  const [incident] = await db.select({ status: incidents.status, closedSince: sql<string>`${closedSince}` }).from(incidents).where(eq(incidents.id, incidentId)).limit(1);
  const purgeAfter = !hold && incident?.status === "closed" && retentionDays ? new Date(new Date(incident.closedSince).getTime() + retentionDays * DAY_MS) : null;
  return { hold: hold ?? null, purgeAfter };
}

export interface PurgeResult {
  purged: string[];
  /** Items past retention left alone because their incident is on legal hold. */
  held: number;
  /** Files of items already marked purged that were still on disk (a crash after the mark) and are now gone. */
  swept: number;
}

/**
 * Purge what retention allows: items (received, quarantined, or an upload
 * that never finished) of incidents closed more than `retentionDays` ago and
 * not on legal hold. Each item is marked in its own transaction with the
 * incident locked and re-checked; the bytes are deleted after the mark
 * commits, and a later run removes any file a crash left behind.
 */
export async function purgeExpiredEvidence(db: Db, store: EvidenceStore, options: { retentionDays: number; actor: AuditActor; now?: Date }): Promise<PurgeResult> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * DAY_MS);
  const due = await db
    .select({ id: evidenceItems.id, incidentId: evidenceItems.incidentId, held: sql<boolean>`${evidenceLegalHolds.incidentId} is not null` })
    .from(evidenceItems)
    .innerJoin(incidents, eq(incidents.id, evidenceItems.incidentId))
    .leftJoin(evidenceLegalHolds, eq(evidenceLegalHolds.incidentId, evidenceItems.incidentId))
    .where(and(inArray(evidenceItems.status, ["uploading", "received", "quarantined"]), eq(incidents.status, "closed"), sql`${closedSince} <= ${cutoff.toISOString()}::timestamptz`));
  const result: PurgeResult = { purged: [], held: due.filter((d) => d.held).length, swept: 0 };

  for (const { id, incidentId } of due.filter((d) => !d.held)) {
    const marked = await db.transaction(async (tx) => {
      const incident = await lockIncident(tx, incidentId);
      const [hold] = await tx.select().from(evidenceLegalHolds).where(eq(evidenceLegalHolds.incidentId, incidentId)).limit(1);
      if (hold || incident.status !== "closed" || new Date(incident.closedSince) > cutoff) return false;
      const [item] = await tx.select().from(evidenceItems).where(eq(evidenceItems.id, id)).for("update").limit(1);
      if (!item || item.status === "purged") return false;
      await tx.update(evidenceItems).set({ status: "purged", hasPoster: false }).where(eq(evidenceItems.id, id));
      const details = { retentionDays: options.retentionDays, incidentClosedBy: new Date(incident.closedSince).toISOString(), statusBefore: item.status, sizeBytes: item.sizeBytes, originalName: item.originalName };
      await recordCustody(tx, options.actor, { itemId: id, event: "purged", reason: `retention: ${options.retentionDays} days after the incident was closed`, sha256: item.sha256, details });
      await recordAudit(tx, options.actor, { action: "evidence.purged", targetType: "evidence_item", targetId: id, details: { incidentId, ...details } });
      return true;
    });
    if (!marked) continue;
    await store.remove(id);
    result.purged.push(id);
  }

  // A crash between a mark and its delete leaves the bytes: remove them now.
  const purgedIds = await db.select({ id: evidenceItems.id }).from(evidenceItems).where(eq(evidenceItems.status, "purged"));
  for (const { id } of purgedIds) {
    if (result.purged.includes(id)) continue;
    const file = store.localPath(id);
    if (file && fs.existsSync(file)) {
      await store.remove(id);
      result.swept += 1;
    }
  }
  return result;
}

/** The maintenance step (npm run evidence:purge, and the daily registrations:maintenance): one line of what it did. */
export async function runEvidenceRetention(db: Db, store: EvidenceStore, retentionDays: number | undefined, actor: AuditActor): Promise<string> {
  if (!retentionDays) return "EVIDENCE_RETENTION_DAYS is not set: evidence is kept until it is set; nothing purged";
  const { purged, held, swept } = await purgeExpiredEvidence(db, store, { retentionDays, actor });
  return `purged ${purged.length} evidence item(s) of incidents closed more than ${retentionDays} day(s) ago; ${held} kept under legal hold${swept ? `; removed ${swept} file(s) left by an interrupted purge` : ""}`;
}
