import { recordedAddressLine1, recordedRetentionDays } from "./site-snapshot-sql";
import { incidentTitle } from "../investigation/incident-title";
import "server-only";
import { countInReviewQueue, countStaleRegistrations } from "@/lib/registration/registry-filters";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { FeatureCollection, Polygon } from "geojson";
import type { Db } from "@/db/client";
import { canvassEntries, incidents, registrations, streetCenterlines } from "@/db/schema";
import type { LngLat } from "@/db/ewkb";
import { CANVASS_OUTCOMES, FINAL_OUTCOMES, type CanvassOutcome } from "./canvass-types";
import { coverageArea, coverageGrid } from "./coverage-grid";
import { footageStatus } from "../investigation/footage-status";

export interface DashboardOptions {
  timeZone: string;
  /** RECONFIRM_AFTER_MONTHS: the one definition of stale (lib/registration/registry-filters.ts). */
  reconfirmAfterMonths: number;
  coverageCellM: number;
  mapCenter: LngLat;
  now?: Date;
}

export interface OpenIncidentProgress {
  id: string;
  label: string;
  caseNumber: string | null;
  occurredFrom: Date;
  entries: number;
  /** Entries with any outcome other than "not contacted". */
  contacted: number;
  /** Entries with a final outcome (collected, nothing relevant, overwritten, declined). */
  done: number;
  byOutcome: Record<CanvassOutcome, number>;
}

export interface UpcomingDeadline {
  entryId: string;
  incidentId: string;
  incidentLabel: string;
  address: string;
  outcome: CanvassOutcome;
  footageDeadline: Date;
}

export interface OutcomeMonth {
  /** "2026-11" in the agency's zone. */
  month: string;
  incidents: number;
  incidentsWithFootage: number;
  entries: number;
  entriesWithFootage: number;
}

export interface Dashboard {
  openIncidents: OpenIncidentProgress[];
  deadlinesNext48h: UpcomingDeadline[];
  registrations: { byStatus: Record<string, number>; awaitingReview: number; stale: number; reconfirmAfterMonths: number };
  outcomesByMonth: OutcomeMonth[];
  coverage: { cellSideM: number; grid: FeatureCollection<Polygon, { sites: number }>; sites: number; emptyCells: number; centerlines: LngLat[][] };
}


function monthIn(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(date);
  return `${parts.find((p) => p.type === "year")!.value}-${parts.find((p) => p.type === "month")!.value}`;
}

/** The supervisor's view of the program: read-only aggregates, no contact details. */
export async function loadDashboard(db: Pick<Db, "select">, options: DashboardOptions): Promise<Dashboard> {
  const now = options.now ?? new Date();
  const tz = options.timeZone;

  const entryRows = await db
    .select({
      entryId: canvassEntries.id,
      outcome: canvassEntries.outcome,
      incidentId: incidents.id,
      title: incidents.title,
      caseNumber: incidents.caseNumber,
      status: incidents.status,
      occurredFrom: incidents.occurredFrom,
      addressLine1: recordedAddressLine1,
      retentionDays: recordedRetentionDays,
    })
    .from(canvassEntries)
    .innerJoin(incidents, eq(incidents.id, canvassEntries.incidentId))
    .innerJoin(registrations, eq(registrations.id, canvassEntries.registrationId));
  const openIncidentRows = await db.select().from(incidents).where(eq(incidents.status, "open")).orderBy(sql`${incidents.occurredFrom} desc`);

  const progress = new Map<string, OpenIncidentProgress>();
  for (const i of openIncidentRows) {
    progress.set(i.id, {
      id: i.id,
      label: incidentTitle(i, tz),
      caseNumber: i.caseNumber,
      occurredFrom: i.occurredFrom,
      entries: 0,
      contacted: 0,
      done: 0,
      byOutcome: Object.fromEntries(CANVASS_OUTCOMES.map((o) => [o, 0])) as Record<CanvassOutcome, number>,
    });
  }
  const deadlines: UpcomingDeadline[] = [];
  const months = new Map<string, OutcomeMonth & { incidentIds: Set<string>; footageIncidentIds: Set<string> }>();
  for (const e of entryRows) {
    const p = progress.get(e.incidentId);
    if (p) {
      p.entries++;
      p.byOutcome[e.outcome]++;
      if (e.outcome !== "not_contacted") p.contacted++;
      if (FINAL_OUTCOMES.includes(e.outcome)) p.done++;
      const footage = footageStatus(e.occurredFrom, e.retentionDays, tz, now);
      if (footage.status === "urgent" && footage.expiresAt && !FINAL_OUTCOMES.includes(e.outcome)) {
        deadlines.push({ entryId: e.entryId, incidentId: e.incidentId, incidentLabel: p.label, address: e.addressLine1, outcome: e.outcome, footageDeadline: new Date(footage.expiresAt) });
      }
    }
    const key = monthIn(e.occurredFrom, tz);
    const m = months.get(key) ?? { month: key, incidents: 0, incidentsWithFootage: 0, entries: 0, entriesWithFootage: 0, incidentIds: new Set(), footageIncidentIds: new Set() };
    m.entries++;
    m.incidentIds.add(e.incidentId);
    if (e.outcome === "footage_collected") {
      m.entriesWithFootage++;
      m.footageIncidentIds.add(e.incidentId);
    }
    months.set(key, m);
  }
  deadlines.sort((a, b) => a.footageDeadline.getTime() - b.footageDeadline.getTime());
  const outcomesByMonth = [...months.values()]
    .map(({ incidentIds, footageIncidentIds, ...m }) => ({ ...m, incidents: incidentIds.size, incidentsWithFootage: footageIncidentIds.size }))
    .sort((a, b) => a.month.localeCompare(b.month));

  const statusRows = await db
    .select({ status: registrations.status, n: sql<number>`count(*)::int` })
    .from(registrations)
    .groupBy(registrations.status);
  const byStatus: Record<string, number> = { pending_review: 0, active: 0, inactive: 0, withdrawn: 0 };
  for (const r of statusRows) byStatus[r.status] = Number(r.n);
  // The same counts the review queue shows (lib/registration/registry-filters.ts).
  const awaiting = await countInReviewQueue(db);
  const stale = await countStaleRegistrations(db, now, options.reconfirmAfterMonths);

  const siteRows = await db
    .select({ location: registrations.location })
    .from(registrations)
    .where(and(eq(registrations.status, "active"), isNotNull(registrations.location)));
  const sites = siteRows.map((r) => r.location!.coordinates);
  const streetRows = await db.select({ geom: streetCenterlines.geom }).from(streetCenterlines);
  const areaPoints: LngLat[] = [...sites, ...streetRows.flatMap((s) => s.geom.coordinates)];
  const area = coverageArea(areaPoints, options.mapCenter);
  const grid = coverageGrid(sites, area, options.coverageCellM);

  return {
    openIncidents: [...progress.values()],
    deadlinesNext48h: deadlines,
    registrations: { byStatus, awaitingReview: awaiting, stale, reconfirmAfterMonths: options.reconfirmAfterMonths },
    outcomesByMonth,
    coverage: {
      cellSideM: options.coverageCellM,
      grid,
      sites: sites.length,
      emptyCells: grid.features.filter((f) => f.properties.sites === 0).length,
      centerlines: streetRows.map((s) => s.geom.coordinates),
    },
  };
}

