import "server-only";
/**
 * A saved incident reopened (its page, or the map with `?incident=`): the sites
 * in its saved area at its time, as the map shows results. Recorded as viewing
 * that incident (`incident.viewed`), not as a new search: nobody searched, and an
 * audit reader looking for what was searched must not find every reopening as a
 * fresh `investigation.searched` without the incident it belongs to. The area and
 * time are the incident's own, read here, so the entry says what was shown.
 *
 * Paged like a search (result-page.ts): the first page is the view, one `incident.viewed` entry with the
 * full count; a following page continues it (its cursor names that entry) and writes none.
 */
import type { Db } from "@/db/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { findSitesRanked } from "./find-sites";
import { areaForAudit, readIncident } from "./incidents";
import { pageOf, type PageRequest } from "./result-page";
import { continuedSearchEntry } from "./run-search";
import { toSiteFeatureCollection, type SiteFeatureCollection } from "./site-features";

export async function viewIncidentSites(
  db: Db,
  actor: AuditActor,
  incidentId: string,
  options: { timeZone: string; via: string; page: PageRequest },
): Promise<SiteFeatureCollection | null> {
  const after = options.page.after;
  return db.transaction(async (tx) => {
    const reader = tx as unknown as Db;
    const incident = await readIncident(reader, incidentId, { timeZone: options.timeZone });
    if (!incident) return null;
    if (after) await continuedSearchEntry(tx, actor, after, { action: "incident.viewed", targetId: incident.id, details: { via: options.via } });
    const at = new Date(incident.occurredFrom);
    const now = after ? new Date(after.nowMs) : new Date();
    const found = await findSitesRanked(tx, { area: incident.area, at, timeZone: options.timeZone, now });
    const search = { ...areaForAudit(incident.area), at: at.toISOString(), includeContacts: false };
    const searchEntryId = after
      ? after.searchEntryId
      : await recordAudit(tx, actor, {
          action: "incident.viewed",
          targetType: "incident",
          targetId: incident.id,
          details: { via: options.via, results: found.ranked.length },
        });
    const { sites, page } = pageOf(found.ranked, options.page, { searchEntryId, nowMs: now.getTime() });
    return toSiteFeatureCollection(found.results(sites), search, undefined, page);
  });
}
