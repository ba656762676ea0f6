import "server-only";
/**
 * Saved incidents and their initial canvass: one entry per active site in
 * range, with its distance, written in the same transaction as the incident
 * and its audit entry (a failure leaves nothing behind).
 */
import { count, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { canvassEntries, incidents, registrations, users } from "@/db/schema";
import { point } from "@/db/postgis";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffContext } from "@/lib/auth/mutation-context";
import type { LineStringGeometry } from "@/db/ewkb";
import { canvassChangesSince } from "@/lib/canvass/load-canvass";
import { recordedAddressLine1, snapshotCanvassEntries } from "@/lib/canvass/site-snapshot-sql";
import { findSites } from "./find-sites";
import { addressNearPin } from "./incident-address";
import { incidentTitle } from "./incident-title";
import type { SearchArea } from "./search-area";

export interface NewIncident {
  caseNumber: string | null;
  offense?: string | null;
  description?: string | null;
  /** Typed by the detective; otherwise the nearest address point to the pin (or the route's start). */
  address?: string | null;
  area: SearchArea;
  from: Date;
  to: Date;
}

/**
 * Save an incident (any staff member). `input` is already parsed by the route's schema
 * (app/api/incidents/schema.ts, which knows the agency's radius cap); the context carries the
 * agency's time zone, which decides what "recording at the time" means for the sites found.
 */
export async function createIncident(
  { db, principal, actor, timeZone }: StaffContext & { timeZone: string },
  input: NewIncident,
): Promise<{ id: string; canvassEntries: number }> {
  return db.transaction(async (tx) => {
    const address =
      input.address || (await addressNearPin(tx, input.area.kind === "point" ? [input.area.lng, input.area.lat] : input.area.route.coordinates[0]));
    const [incident] = await tx
      .insert(incidents)
      .values({
        caseNumber: input.caseNumber,
        offense: input.offense ?? null,
        description: input.description ?? null,
        address,
        point: input.area.kind === "point" ? point(input.area.lng, input.area.lat) : null,
        route: input.area.kind === "route" ? input.area.route : null,
        radiusM: input.area.kind === "point" ? input.area.radiusM : null,
        widthM: input.area.kind === "route" ? input.area.widthM : null,
        occurredFrom: input.from,
        occurredTo: input.to,
        createdBy: principal.userId,
      })
      .returning({ id: incidents.id });
    const sites = await findSites(tx, { area: input.area, at: input.from, timeZone });
    if (sites.length > 0) {
      await tx.insert(canvassEntries).values(
        sites.map((site) => ({
          incidentId: incident.id,
          registrationId: site.registrationId,
          distanceM: site.distanceM,
          // No stop numbers here: the canvass plans the walk (lib/canvass/walk-order-store.ts) when no entry has
          // one. Pre-filling the search rank made that planner skip every saved incident.
          walkOrder: null,
        })),
      );
      // Keep what the search found with each entry: the canvass record must not follow later owner edits.
      await snapshotCanvassEntries(tx, incident.id);
    }
    await recordAudit(tx, actor, {
      action: "incident.created",
      targetType: "incident",
      targetId: incident.id,
      details: { caseNumber: input.caseNumber, offense: input.offense ?? null, address, area: areaForAudit(input.area), from: input.from.toISOString(), to: input.to.toISOString(), canvassEntries: sites.length },
    });
    return { id: incident.id, canvassEntries: sites.length };
  });
}

export function areaForAudit(area: SearchArea): Record<string, unknown> {
  return area.kind === "point"
    ? { kind: "point", lat: area.lat, lng: area.lng, radiusM: area.radiusM }
    : { kind: "route", route: area.route.coordinates, widthM: area.widthM };
}

export interface IncidentSummary {
  id: string;
  /** Readable name (lib/investigation/incident-title.ts): never a bare id. */
  title: string;
  caseNumber: string | null;
  offense: string | null;
  address: string | null;
  status: "open" | "closed";
  closedAt: string | null;
  closedByName: string | null;
  kind: "point" | "route";
  occurredFrom: string;
  occurredTo: string;
  createdAt: string;
  canvassEntries: number;
}

export const INCIDENT_STATUS_FILTERS = ["open", "closed", "all"] as const;
export type IncidentStatusFilter = (typeof INCIDENT_STATUS_FILTERS)[number];

export async function listIncidents(db: Db, options: { status?: IncidentStatusFilter; timeZone: string; limit?: number }): Promise<IncidentSummary[]> {
  const closer = alias(users, "closer");
  const status = options.status ?? "all";
  const rows = await db
    .select({
      id: incidents.id,
      title: incidents.title,
      caseNumber: incidents.caseNumber,
      offense: incidents.offense,
      address: incidents.address,
      status: incidents.status,
      closedAt: incidents.closedAt,
      closedByName: closer.name,
      hasRoute: sql<boolean>`${incidents.route} is not null`,
      occurredFrom: incidents.occurredFrom,
      occurredTo: incidents.occurredTo,
      createdAt: incidents.createdAt,
      entries: count(canvassEntries.id),
    })
    .from(incidents)
    .leftJoin(canvassEntries, eq(canvassEntries.incidentId, incidents.id))
    .leftJoin(closer, eq(closer.id, incidents.closedBy))
    .where(status === "all" ? undefined : eq(incidents.status, status))
    .groupBy(incidents.id, closer.name)
    .orderBy(desc(incidents.createdAt))
    .limit(options.limit ?? 200);
  return rows.map((r) => ({
    id: r.id,
    title: incidentTitle(r, options.timeZone),
    caseNumber: r.caseNumber,
    offense: r.offense,
    address: r.address,
    status: r.status,
    closedAt: r.closedAt?.toISOString() ?? null,
    closedByName: r.closedByName,
    kind: r.hasRoute ? "route" : "point",
    occurredFrom: r.occurredFrom.toISOString(),
    occurredTo: r.occurredTo.toISOString(),
    createdAt: r.createdAt.toISOString(),
    canvassEntries: Number(r.entries),
  }));
}

export interface IncidentDetail extends IncidentSummary {
  description: string | null;
  createdBy: string | null;
  area: SearchArea;
  canvass: {
    id: string;
    registrationId: string;
    address: string;
    distanceM: number | null;
    outcome: string;
    walkOrder: number | null;
    /** The owner changed the site since the save (the stop keeps what the search found): when, and what. */
    updatedSince: { at: string; changes: { field: string; label: string; before: string; after: string }[] } | null;
  }[];
}

export async function readIncident(db: Db, id: string, options: { timeZone: string }): Promise<IncidentDetail | null> {
  const closer = alias(users, "closer");
  const [found] = await db.select({ row: incidents, closedByName: closer.name }).from(incidents).leftJoin(closer, eq(closer.id, incidents.closedBy)).where(eq(incidents.id, id)).limit(1);
  if (!found) return null;
  const { row, closedByName } = found;
  const area: SearchArea | null =
    row.point && row.radiusM !== null
      ? { kind: "point", lng: row.point.coordinates[0], lat: row.point.coordinates[1], radiusM: row.radiusM }
      : row.route && row.widthM !== null
        ? { kind: "route", route: row.route as LineStringGeometry, widthM: row.widthM }
        : null;
  if (!area) return null;
  const entries = await db
    .select({
      id: canvassEntries.id,
      registrationId: canvassEntries.registrationId,
      // The address as the search found it at the save (the snapshot), not as the owner has edited it since.
      address: recordedAddressLine1,
      distanceM: canvassEntries.distanceM,
      outcome: canvassEntries.outcome,
      walkOrder: canvassEntries.walkOrder,
    })
    .from(canvassEntries)
    .innerJoin(registrations, eq(registrations.id, canvassEntries.registrationId))
    .where(eq(canvassEntries.incidentId, id))
    .orderBy(canvassEntries.walkOrder);
  const changed = await canvassChangesSince(db, id);
  return {
    id: row.id,
    title: incidentTitle(row, options.timeZone),
    caseNumber: row.caseNumber,
    offense: row.offense,
    description: row.description,
    address: row.address,
    status: row.status,
    closedAt: row.closedAt?.toISOString() ?? null,
    closedByName,
    createdBy: row.createdBy,
    kind: area.kind,
    occurredFrom: row.occurredFrom.toISOString(),
    occurredTo: row.occurredTo.toISOString(),
    createdAt: row.createdAt.toISOString(),
    canvassEntries: entries.length,
    area,
    canvass: entries.map((e) => {
      const since = changed.get(e.id);
      return { ...e, updatedSince: since ? { at: since.at.toISOString(), changes: since.changes } : null };
    }),
  };
}
