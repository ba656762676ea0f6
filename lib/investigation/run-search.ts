import "server-only";
/**
 * One audited search, shared by GET /api/cameras/near and POST /api/cameras/along:
 * the query, the optional contact read and their audit entries in one
 * transaction, so no result leaves the database unrecorded.
 */
import type { Db } from "@/db/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { findSites } from "./find-sites";
import { areaForAudit } from "./incidents";
import { readContacts } from "./registration-contacts";
import type { SearchArea } from "./search-area";
import { toSiteFeatureCollection, type SiteFeatureCollection } from "./site-features";

export interface SearchRequest {
  area: SearchArea;
  at: Date;
  includeContacts: boolean;
  /** Which API answered, for the audit trail. */
  via: string;
}

export async function runAuditedSearch(db: Db, actor: AuditActor, request: SearchRequest, timeZone: string): Promise<SiteFeatureCollection> {
  return db.transaction(async (tx) => {
    const sites = await findSites(tx, { area: request.area, at: request.at, timeZone });
    const search = { ...areaForAudit(request.area), at: request.at.toISOString(), includeContacts: request.includeContacts };
    await recordAudit(tx, actor, {
      action: "investigation.search",
      targetType: "search",
      details: { via: request.via, ...search, results: sites.length },
    });
    if (!request.includeContacts) return toSiteFeatureCollection(sites, search);
    const contacts = await readContacts(tx, sites.map((s) => s.registrationId));
    for (const c of contacts) {
      await recordAudit(tx, actor, {
        action: "registration.contacts_viewed",
        targetType: "registration",
        targetId: c.registrationId,
        details: { via: request.via, search },
      });
    }
    return toSiteFeatureCollection(sites, search, contacts);
  });
}
