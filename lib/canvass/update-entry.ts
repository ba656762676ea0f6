import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { canvassEntries, contactAttempts, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffContext } from "@/lib/auth/mutation-context";
import { AppError, validationError } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import type { StaffPrincipal } from "@/lib/auth/principal";
import { roleAllows } from "@/lib/auth/roles";
import {
  canvassEntryPatchSchema,
  contactAttemptSchema,
  type CanvassEntryPatch,
} from "./entry-input";

type Entry = typeof canvassEntries.$inferSelect;

/** Detectives work entries that are theirs or nobody's; supervisors any. */
export function mayWorkEntry(principal: StaffPrincipal, entry: Pick<Entry, "assignedTo">): boolean {
  return roleAllows(principal.role, "supervisor") || entry.assignedTo === null || entry.assignedTo === principal.userId;
}

/** An enabled staff account that can be handed canvass work. */
export async function isAssignableUser(db: Pick<Db, "select">, userId: string): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.id, userId), isNull(users.disabledAt))).limit(1);
  return rows.length === 1;
}

/** Audit details without free text: which fields changed, and the coded values. */
function describeChanges(before: Entry, patch: CanvassEntryPatch): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (patch.outcome !== undefined && patch.outcome !== before.outcome) changes.outcome = { from: before.outcome, to: patch.outcome };
  if (patch.clockOffsetS !== undefined && patch.clockOffsetS !== before.clockOffsetS)
    changes.clockOffsetS = { from: before.clockOffsetS, to: patch.clockOffsetS };
  if (patch.assignedTo !== undefined && patch.assignedTo !== before.assignedTo) changes.assignedTo = { from: before.assignedTo, to: patch.assignedTo };
  if (patch.notes !== undefined && patch.notes !== before.notes) changes.notes = { changed: true, length: patch.notes?.length ?? 0 };
  if (patch.footageNotes !== undefined && patch.footageNotes !== before.footageNotes)
    changes.footageNotes = { changed: true, length: patch.footageNotes?.length ?? 0 };
  return changes;
}

/**
 * Record an outcome, clock offset, notes or assignee on one canvass entry.
 * `patch` is the body as the client sent it (parsed here); `entryId` comes from the URL.
 */
export async function updateCanvassEntry(
  { db, principal, actor }: StaffContext,
  input: { entryId: string; patch: unknown },
): Promise<Entry> {
  const { entryId } = input;
  const patch = parseInput(canvassEntryPatchSchema, input.patch);
  if (patch.assignedTo !== undefined && !roleAllows(principal.role, "supervisor")) {
    throw new AppError("forbidden", "only a supervisor can assign canvass entries");
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(canvassEntries).where(eq(canvassEntries.id, entryId)).for("update").limit(1);
    if (!before) throw new AppError("not_found", "canvass entry not found");
    if (!mayWorkEntry(principal, before)) throw new AppError("forbidden", "this entry is assigned to another detective");
    if (patch.assignedTo && !(await isAssignableUser(tx, patch.assignedTo))) {
      throw validationError({ assignedTo: "no active staff account with this id" });
    }
    const changes = describeChanges(before, patch);
    if (Object.keys(changes).length === 0) return before;
    const [after] = await tx
      .update(canvassEntries)
      .set({ ...patch, updatedBy: principal.userId, updatedAt: new Date() })
      .where(eq(canvassEntries.id, entryId))
      .returning();
    await recordAudit(tx, actor, {
      action: "canvass_entry.updated",
      targetType: "canvass_entry",
      targetId: entryId,
      details: { incidentId: before.incidentId, changes },
    });
    return after;
  });
}

/** Log one attempt to reach the owner or the alternate contact (`attempt` as the client sent it). */
export async function addContactAttempt(
  { db, principal, actor }: StaffContext,
  input: { entryId: string; attempt: unknown },
): Promise<typeof contactAttempts.$inferSelect> {
  const { entryId } = input;
  const attempt = parseInput(contactAttemptSchema, input.attempt);
  return db.transaction(async (tx) => {
    const [entry] = await tx.select().from(canvassEntries).where(eq(canvassEntries.id, entryId)).for("update").limit(1);
    if (!entry) throw new AppError("not_found", "canvass entry not found");
    if (!mayWorkEntry(principal, entry)) throw new AppError("forbidden", "this entry is assigned to another detective");
    const [row] = await tx
      .insert(contactAttempts)
      .values({ canvassEntryId: entryId, contact: attempt.contact, method: attempt.method, note: attempt.note ?? null, by: principal.userId, at: attempt.at ?? new Date() })
      .returning();
    await tx.update(canvassEntries).set({ updatedBy: principal.userId, updatedAt: new Date() }).where(eq(canvassEntries.id, entryId));
    await recordAudit(tx, actor, {
      action: "canvass_entry.attempted",
      targetType: "canvass_entry",
      targetId: entryId,
      details: { incidentId: entry.incidentId, attemptId: row.id, contact: row.contact, method: row.method },
    });
    return row;
  });
}
