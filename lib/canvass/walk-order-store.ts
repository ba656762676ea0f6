import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { canvassEntries, registrations } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { LngLat } from "@/db/ewkb";
import { centerlinesNear } from "./centerlines-near";
import { loadIncident, walkStartOf } from "./load-canvass";
import { planWalk, type WalkPlan } from "./walk-order";

/**
 * Plan the walk for an incident's canvass and store each entry's stop number
 * (canvass_entries.walk_order), audited. `onlyIfMissing` leaves a stored order
 * alone unless some entry (e.g. one added later) has none.
 */
export async function recomputeWalkOrder(
  db: Db,
  incidentId: string,
  actor: AuditActor,
  options: { onlyIfMissing?: boolean } = {},
): Promise<WalkPlan | null> {
  return db.transaction(async (tx) => {
    const incident = await loadIncident(tx, incidentId);
    if (!incident) return null;
    const entries = await tx
      .select({ id: canvassEntries.id, walkOrder: canvassEntries.walkOrder, location: registrations.location, addressLine1: registrations.addressLine1 })
      .from(canvassEntries)
      .innerJoin(registrations, eq(registrations.id, canvassEntries.registrationId))
      .where(eq(canvassEntries.incidentId, incidentId));
    if (options.onlyIfMissing && entries.every((e) => e.walkOrder !== null)) return null;
    const located = entries.flatMap((e) => (e.location ? [e.location.coordinates] : []));
    const start: LngLat | null = walkStartOf(incident) ?? located[0] ?? null;
    if (!start) return null;
    const centerlines = await centerlinesNear(tx, [start, ...located], 200);
    const plan = planWalk(
      start,
      entries.map((e) => ({ id: e.id, location: e.location?.coordinates ?? null, addressLine1: e.addressLine1 })),
      centerlines,
    );
    for (const stop of plan.stops) {
      await tx.update(canvassEntries).set({ walkOrder: stop.walkOrder }).where(eq(canvassEntries.id, stop.id));
    }
    await recordAudit(tx, actor, {
      action: "canvass.walk_order_changed",
      targetType: "incident",
      targetId: incidentId,
      details: {
        stops: plan.stops.length,
        totalM: Math.round(plan.totalM),
        distanceSortedM: Math.round(plan.distanceSortedM),
        distanceBasis: plan.distanceBasis,
      },
    });
    return plan;
  });
}
