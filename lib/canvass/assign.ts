import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { canvassEntries, incidents, registrations } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { StaffPrincipal } from "@/lib/auth/principal";
import { roleAllows } from "@/lib/auth/roles";
import { blockFaceFor } from "./block-face";
import { assignSchema } from "./entry-input";
import { fieldErrors, type MutationResult } from "./field-errors";
import { isAssignableUser } from "./update-entry";

/** A supervisor hands entries, or a whole block face, to a detective (or takes them back with null). */
export async function assignCanvassEntries(
  db: Db,
  principal: StaffPrincipal,
  actor: AuditActor,
  incidentId: string,
  input: unknown,
): Promise<MutationResult<{ assigned: number; entryIds: string[] }>> {
  const parsed = assignSchema.safeParse(input);
  if (!parsed.success) return { ok: false, status: 422, errors: fieldErrors(parsed.error) };
  if (!roleAllows(principal.role, "supervisor")) return { ok: false, status: 403, error: "only a supervisor can assign canvass entries" };
  const { assigneeId, entryIds, blockFaceKey } = parsed.data;
  return db.transaction(async (tx): Promise<MutationResult<{ assigned: number; entryIds: string[] }>> => {
    const [incident] = await tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId)).limit(1);
    if (!incident) return { ok: false, status: 404, error: "incident not found" };
    if (assigneeId && !(await isAssignableUser(tx, assigneeId))) {
      return { ok: false, status: 422, errors: { assigneeId: "no active staff account with this id" } };
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
      if (foreign.length) return { ok: false, status: 422, errors: { entryIds: `${foreign.length} of these entries are not on this incident` } };
      targets = [...new Set(entryIds)];
    } else {
      targets = entries.filter((e) => blockFaceFor(e.addressLine1).key === blockFaceKey).map((e) => e.id);
      if (targets.length === 0) return { ok: false, status: 422, errors: { blockFaceKey: "no entries on this block face" } };
    }
    await tx
      .update(canvassEntries)
      .set({ assignedTo: assigneeId, updatedBy: principal.userId, updatedAt: new Date() })
      .where(and(eq(canvassEntries.incidentId, incidentId), inArray(canvassEntries.id, targets)));
    await recordAudit(tx, actor, {
      action: "canvass.assign",
      targetType: "incident",
      targetId: incidentId,
      details: { assigneeId, count: targets.length, entryIds: targets, blockFaceKey: blockFaceKey ?? null },
    });
    return { ok: true, value: { assigned: targets.length, entryIds: targets } };
  });
}
