import "server-only";
/**
 * One audited search, shared by GET /api/cameras/near and POST /api/cameras/along:
 * the query, the optional contact read and their audit entries commit together
 * (one statement for a plain search, a transaction when contacts or cones are
 * read too), so no result leaves the database unrecorded.
 */
import type { Db } from "@/db/client";
import { sql } from "drizzle-orm";
import { auditInsertSql, recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { findSites, findSitesRecorded } from "./find-sites";
import { areaForAudit } from "./incidents";
import { contactAllowance } from "./contact-caps";
import { readContacts } from "./registration-contacts";
import type { SearchArea } from "./search-area";
import type { SearchIncludes } from "./search-include";
import { toSiteFeatureCollection, type SiteFeatureCollection } from "./site-features";

export interface SearchRequest {
  area: SearchArea;
  at: Date;
  /** Contacts (audited, capped) and the cones' polygons, when asked for (search-include.ts). */
  include: SearchIncludes;
  /** Which API answered, for the audit trail. */
  via: string;
}

export async function runAuditedSearch(db: Db, actor: AuditActor, request: SearchRequest, timeZone: string): Promise<SiteFeatureCollection> {
  if (!request.include.contacts && !request.include.cones) {
    // The common search (the map's, the load test's): the query and its audit entry are one statement,
    // one round trip instead of BEGIN, search, insert, COMMIT; they still commit together (findSitesRecorded).
    const search = { ...areaForAudit(request.area), at: request.at.toISOString(), includeContacts: false };
    const sites = await findSitesRecorded(db, { area: request.area, at: request.at, timeZone }, (results) =>
      auditInsertSql(
        actor,
        { action: "investigation.searched", targetType: "search", details: { via: request.via, ...search } },
        sql`jsonb_build_object('results', ${results})`,
      ),
    );
    return toSiteFeatureCollection(sites, search);
  }
  return db.transaction(async (tx) => {
    const sites = await findSites(tx, { area: request.area, at: request.at, timeZone, cones: request.include.cones });
    const search = { ...areaForAudit(request.area), at: request.at.toISOString(), includeContacts: request.include.contacts };
    await recordAudit(tx, actor, {
      action: "investigation.searched",
      targetType: "search",
      details: { via: request.via, ...search, results: sites.length },
    });
    if (!request.include.contacts) return toSiteFeatureCollection(sites, search);
    // Contacts of the best-ranked sites, up to the caps; the rest are answered without them.
    const allowance = await contactAllowance(tx, actor, sites.length, request.via);
    const contacts = await readContacts(tx, sites.slice(0, allowance.allowed).map((s) => s.registrationId));
    for (const c of contacts) {
      await recordAudit(tx, actor, {
        action: "registration.contacts_viewed",
        targetType: "registration",
        targetId: c.registrationId,
        details: { via: request.via, search },
      });
    }
    const answer = toSiteFeatureCollection(sites, search, contacts);
    if (allowance.cappedBy) answer.contactsWithheld = { requested: allowance.requested, returned: allowance.allowed, cappedBy: allowance.cappedBy };
    return answer;
  });
}
