import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { canvassEntries, incidents, registrations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireRole, type StaffContext } from "@/lib/auth/mutation-context";
import { AppError, validationError } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import { blockFaceFor } from "./block-face";
import { assignSchema } from "./entry-input";
import { isAssignableUser } from "./update-entry";

/**
 * A supervisor hands entries, or a whole block face, to a detective (or takes them back with null).
 * `assignment` is the body as the client sent it (parsed here); `incidentId` comes from the URL.
 */
export async function assignCanvassEntries(
  { db, principal, actor }: StaffContext,
  input: { incidentId: string; assignment: unknown },
): Promise<{ assigned: number; entryIds: string[] }> {
  const { incidentId } = input;
  const { assigneeId, entryIds, blockFaceKey } = parseInput(assignSchema, input.assignment);
  requireRole(principal, "supervisor", "only a supervisor can assign canvass entries");
  return db.transaction(async (tx) => {
    const [incident] = await tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId)).limit(1);
    if (!incident) throw new AppError("not_found", "incident not found");
    if (assigneeId && !(await isAssignableUser(tx, assigneeId))) {
      throw validationError({ assigneeId: "no active staff account with this id" });
    }
    const entries = await tx
      .select({ id: canvassEntries.id, addressLine1: registrations.addressLine1 })
      .from(canvassEntries)
      .innerJoin(registrations, eq(registrations.id, canvassEntries.registrationId))
      .where(eq(canvassEntries.incidentId, incidentId));
    let targets: string[];
    if (entryIds) {
      const onIncident = new Set(entries.map((e) => e.id));
      const foreign = entryIds.filter((id) => !onIncident.has(id));
      if (foreign.length) throw validationError({ entryIds: `${foreign.length} of these entries are not on this incident` });
      targets = [...new Set(entryIds)];
    } else {
      targets = entries.filter((e) => blockFaceFor(e.addressLine1).key === blockFaceKey).map((e) => e.id);
      if (targets.length === 0) throw validationError({ blockFaceKey: "no entries on this block face" });
    }
    await tx
      .update(canvassEntries)
      .set({ assignedTo: assigneeId, updatedBy: principal.userId, updatedAt: new Date() })
      .where(and(eq(canvassEntries.incidentId, incidentId), inArray(canvassEntries.id, targets)));
    await recordAudit(tx, actor, {
      action: "canvass.assigned",
      targetType: "incident",
      targetId: incidentId,
      details: { assigneeId, count: targets.length, entryIds: targets, blockFaceKey: blockFaceKey ?? null },
    });
    return { assigned: targets.length, entryIds: targets };
  });
}
