import "server-only";
/**
 * Names for the ids an audit page shows: who acted (users by name and e-mail)
 * and what they acted on (incidents by title, registrations by address, canvass
 * stops by address and incident, tokens by label). One query per kind for a
 * whole page of rows, so a page of 200 entries costs five lookups, not 200.
 * Ids that no longer resolve (or were never uuids, as in old test rows) stay ids.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, canvassEntries, incidents, registrations, users, type AuditEntry } from "@/db/schema";
import { incidentTitle } from "@/lib/investigation/incident-title";
import type { AuditNames } from "./describe-audit";


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v: unknown): v is string => typeof v === "string" && UUID.test(v);

/** The ids of one kind an entry mentions: its target, and its details' `incidentId`, `userId`, assignees. */
function idsOf(rows: AuditEntry[], kind: "user" | "incident" | "registration" | "canvass_entry" | "api_token"): string[] {
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.targetType === kind && isUuid(r.targetId)) ids.add(r.targetId);
    const d = r.details ?? {};
    if (kind === "user") {
      if (isUuid(r.actorUserId)) ids.add(r.actorUserId);
      if (isUuid(d.userId)) ids.add(d.userId);
      const assigned = (d.changes as Record<string, { from?: unknown; to?: unknown }> | undefined)?.assignedTo;
      if (assigned && !Array.isArray(d.changes)) for (const v of [assigned.from, assigned.to]) if (isUuid(v)) ids.add(v);
    }
    if (kind === "incident" && isUuid(d.incidentId)) ids.add(d.incidentId);
  }
  return [...ids];
}

export async function resolveAuditNames(db: Pick<Db, "select">, rows: AuditEntry[], timeZone: string): Promise<AuditNames> {
  const stopIds = idsOf(rows, "canvass_entry");
  const stops = stopIds.length
    ? await db
        .select({ id: canvassEntries.id, incidentId: canvassEntries.incidentId, registrationId: canvassEntries.registrationId })
        .from(canvassEntries)
        .where(inArray(canvassEntries.id, stopIds))
    : [];
  const tokenIds = idsOf(rows, "api_token");
  const tokens = tokenIds.length ? await db.select({ id: apiTokens.id, name: apiTokens.name, userId: apiTokens.userId }).from(apiTokens).where(inArray(apiTokens.id, tokenIds)) : [];
  const incidentIds = [...new Set([...idsOf(rows, "incident"), ...stops.map((s) => s.incidentId)])];
  const registrationIds = [...new Set([...idsOf(rows, "registration"), ...stops.map((s) => s.registrationId)])];
  const userIds = [...new Set([...idsOf(rows, "user"), ...tokens.map((t) => t.userId)])];
  const [userRows, incidentRows, registrationRows] = await Promise.all([
    userIds.length ? db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, userIds)) : [],
    incidentIds.length
      ? db
          .select({ id: incidents.id, title: incidents.title, caseNumber: incidents.caseNumber, offense: incidents.offense, address: incidents.address, occurredFrom: incidents.occurredFrom })
          .from(incidents)
          .where(inArray(incidents.id, incidentIds))
      : [],
    registrationIds.length
      ? db
          .select({ id: registrations.id, line1: registrations.addressLine1, unit: registrations.addressUnit, city: registrations.addressCity })
          .from(registrations)
          .where(inArray(registrations.id, registrationIds))
      : [],
  ]);
  return {
    users: new Map(userRows.map((u) => [u.id, { name: u.name, email: u.email }])),
    incidents: new Map(incidentRows.map((i) => [i.id, { title: incidentTitle(i, timeZone), caseNumber: i.caseNumber }])),
    registrations: new Map(registrationRows.map((r) => [r.id, { address: `${r.line1}${r.unit ? ` ${r.unit}` : ""}, ${r.city}` }])),
    canvassEntries: new Map(stops.map((s) => [s.id, { incidentId: s.incidentId, registrationId: s.registrationId }])),
    apiTokens: new Map(tokens.map((t) => [t.id, { name: t.name, userId: t.userId }])),
  };
}
