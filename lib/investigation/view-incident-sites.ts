import "server-only";
/**
 * A saved incident reopened (its page, or the map with `?incident=`): the sites
 * in its saved area at its time, as the map shows results. Recorded as viewing
 * that incident (`incident.viewed`), not as a new search: nobody searched, and an
 * audit reader looking for what was searched must not find every reopening as a
 * fresh `investigation.searched` without the incident it belongs to. The area and
 * time are the incident's own, read here, so the entry says what was shown.
 */
import type { Db } from "@/db/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { findSites } from "./find-sites";
import { areaForAudit, readIncident } from "./incidents";
import { toSiteFeatureCollection, type SiteFeatureCollection } from "./site-features";

export async function viewIncidentSites(db: Db, actor: AuditActor, incidentId: string, options: { timeZone: string; via: string }): Promise<SiteFeatureCollection | null> {
  return db.transaction(async (tx) => {
    const reader = tx as unknown as Db;
    const incident = await readIncident(reader, incidentId, { timeZone: options.timeZone });
    if (!incident) return null;
    const at = new Date(incident.occurredFrom);
    const sites = await findSites(tx, { area: incident.area, at, timeZone: options.timeZone });
    const search = { ...areaForAudit(incident.area), at: at.toISOString(), includeContacts: false };
    await recordAudit(tx, actor, {
      action: "incident.viewed",
      targetType: "incident",
      targetId: incident.id,
      details: { via: options.via, results: sites.length },
    });
    return toSiteFeatureCollection(sites, search);
  });
}
