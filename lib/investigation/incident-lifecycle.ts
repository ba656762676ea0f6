import "server-only";
/**
 * Editing, closing and reopening an incident. Detectives edit the incidents
 * they saved, supervisors any; opening or closing one is a supervisor's call.
 * Each change is one audit entry, in the same transaction, listing every field
 * that changed with its old and new value (`incident.updated`, or
 * `incident.closed` / `incident.reopened` when the status moved).
 */
import { eq } from "drizzle-orm";
import { incidents, type Incident } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffContext } from "@/lib/auth/mutation-context";
import { roleAllows } from "@/lib/auth/roles";
import { AppError } from "@/lib/http/errors";

export interface IncidentPatch {
  status?: "open" | "closed";
  caseNumber?: string | null;
  offense?: string | null;
  description?: string | null;
  address?: string | null;
}

const EDITABLE = ["caseNumber", "offense", "description", "address"] as const;

export type IncidentChanges = Partial<Record<keyof IncidentPatch, { from: string | null; to: string | null }>>;

/** `patch` is already parsed by the route's schema (app/api/incidents/[id]/schema.ts); `id` comes from the URL. */
export async function updateIncident(
  { db, principal, actor, now = new Date() }: StaffContext,
  { id, patch }: { id: string; patch: IncidentPatch },
): Promise<{ incident: Incident; changes: IncidentChanges }> {
  const isSupervisor = roleAllows(principal.role, "supervisor");
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(incidents).where(eq(incidents.id, id)).for("update").limit(1);
    if (!row) throw new AppError("not_found", "no such incident");
    if (!isSupervisor && row.createdBy !== principal.userId) {
      throw new AppError("forbidden", "only the detective who saved this incident or a supervisor can change it");
    }
    const changes: IncidentChanges = {};
    for (const field of EDITABLE) {
      if (patch[field] !== undefined && patch[field] !== row[field]) changes[field] = { from: row[field], to: patch[field] };
    }
    const statusChanged = patch.status !== undefined && patch.status !== row.status;
    if (statusChanged) {
      if (!isSupervisor) throw new AppError("forbidden", `${patch.status === "closed" ? "closing" : "reopening"} an incident needs a supervisor`);
      changes.status = { from: row.status, to: patch.status! };
    }
    if (Object.keys(changes).length === 0) return { incident: row, changes };

    const [updated] = await tx
      .update(incidents)
      .set({
        ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to])),
        ...(statusChanged ? (patch.status === "closed" ? { closedAt: now, closedBy: principal.userId } : { closedAt: null, closedBy: null }) : {}),
        updatedAt: now,
      })
      .where(eq(incidents.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: statusChanged ? (patch.status === "closed" ? "incident.closed" : "incident.reopened") : "incident.updated",
      targetType: "incident",
      targetId: id,
      details: { changes },
    });
    return { incident: updated, changes };
  });
}
