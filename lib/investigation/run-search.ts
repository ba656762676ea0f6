import "server-only";
/**
 * One audited search, shared by GET /api/cameras/near and POST /api/cameras/along:
 * the query, the optional contact read and their audit entries commit together
 * (one statement for a plain search, a transaction when contacts or cones are
 * read too), so no result leaves the database unrecorded.
 *
 * Answers one page of the ranking (result-page.ts). The first page is the search: one
 * `investigation.searched` entry with the full count. A following page (`after`) continues that
 * search and writes no entry of its own; it is answered only while the search's entry is there for
 * the same user and the same search (continuedSearchEntry). Contacts are read for the page's sites
 * only, and every contact read is audited on whichever page reads it, as before paging.
 */
import type { Db } from "@/db/client";
import { sql } from "drizzle-orm";
import { auditInsertSql, recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { AuditAction } from "@/lib/audit/actions";
import { validationError } from "@/lib/http/errors";
import { findSitesRanked, findSitesRecorded, withViewCones, type FoundSites } from "./find-sites";
import { areaForAudit } from "./incidents";
import { contactAllowance } from "./contact-caps";
import { readContacts } from "./registration-contacts";
import { CURSOR_TTL_MS, pageOf, type PageCursor, type PageRequest } from "./result-page";
import type { SearchArea } from "./search-area";
import type { SearchIncludes } from "./search-include";
import { toSiteFeatureCollection, type SiteFeatureCollection } from "./site-features";

type Executor = Pick<Db, "execute">;

export interface SearchRequest {
  area: SearchArea;
  at: Date;
  /** Contacts (audited, capped) and the cones' polygons, when asked for (search-include.ts). */
  include: SearchIncludes;
  /** Which API answered, for the audit trail. */
  via: string;
  /** Which page of the ranking (result-page.ts). */
  page: PageRequest;
}

export async function runAuditedSearch(db: Db, actor: AuditActor, request: SearchRequest, timeZone: string): Promise<SiteFeatureCollection> {
  const after = request.page.after;
  // A following page ranks with its search's "now", so footage statuses (and the order) are the first page's.
  const now = after ? new Date(after.nowMs) : new Date();
  const area = areaForAudit(request.area);
  const search = { ...area, at: request.at.toISOString(), includeContacts: request.include.contacts };
  const searchedEntry = { via: request.via, ...area, at: search.at };
  const input = { area: request.area, at: request.at, timeZone, now };
  // The page is cut from the ranking of every site's lean key; only its sites are made into full results.
  const answer = (found: FoundSites, searchEntryId: number | null) => {
    const { sites, page } = pageOf(found.ranked, request.page, { searchEntryId, nowMs: now.getTime() });
    return { sites: found.results(sites), page };
  };

  if (!request.include.contacts && !request.include.cones) {
    if (after) {
      await continuedSearchEntry(db, actor, after, { action: "investigation.searched", details: searchedEntry });
      const { sites, page } = answer(await findSitesRanked(db, input), after.searchEntryId);
      return toSiteFeatureCollection(sites, search, undefined, page);
    }
    // The common search (the map's, the load test's): the query and its audit entry are one statement,
    // one round trip instead of BEGIN, search, insert, COMMIT; they still commit together (findSitesRecorded).
    const found = await findSitesRecorded(db, input, (results) =>
      auditInsertSql(actor, { action: "investigation.searched", targetType: "search", details: { ...searchedEntry, includeContacts: false } }, sql`jsonb_build_object('results', ${results})`),
    );
    const { sites, page } = answer(found.found, found.recordedId);
    const collection = toSiteFeatureCollection(sites, search, undefined, page);
    // Ranked and built while the server committed the statement (rows-before-commit.ts): the answer leaves
    // only once its entry is durable, and not at all if the commit failed.
    await found.committed;
    return collection;
  }
  return db.transaction(async (tx) => {
    if (after) await continuedSearchEntry(tx, actor, after, { action: "investigation.searched", details: searchedEntry });
    const found = await findSitesRanked(tx, input);
    const searchEntryId = after
      ? after.searchEntryId
      : await recordAudit(tx, actor, { action: "investigation.searched", targetType: "search", details: { ...searchedEntry, includeContacts: request.include.contacts, results: found.ranked.length } });
    const paged = answer(found, searchEntryId);
    const sites = request.include.cones ? await withViewCones(tx, paged.sites) : paged.sites;
    if (!request.include.contacts) return toSiteFeatureCollection(sites, search, undefined, paged.page);
    // Contacts of the page's best-ranked sites, up to the caps; the rest are answered without them.
    const allowance = await contactAllowance(tx, actor, sites.length, request.via);
    const contacts = await readContacts(tx, sites.slice(0, allowance.allowed).map((s) => s.registrationId));
    for (const c of contacts) {
      await recordAudit(tx, actor, {
        action: "registration.contacts_viewed",
        targetType: "registration",
        targetId: c.registrationId,
        details: { via: request.via, search, searchEntryId },
      });
    }
    const collection = toSiteFeatureCollection(sites, search, contacts, paged.page);
    if (allowance.cappedBy) collection.contactsWithheld = { requested: allowance.requested, returned: allowance.allowed, cappedBy: allowance.cappedBy };
    return collection;
  });
}

/**
 * A following page is served only while the entry its cursor names records the same search (or incident view)
 * (its details, but for the count and the contacts flag, equal to the request's: containment would take a route
 * made of some of the entry's points) by the same user, less than CURSOR_TTL_MS ago: so every page answered is accounted for by one entry, a cursor
 * cannot be carried to another search or user, and a stale one starts the search again rather than reading
 * today's registry under an old entry. Otherwise a field error on `after` (422), like any bad parameter.
 */
export async function continuedSearchEntry(
  db: Executor,
  actor: AuditActor,
  cursor: PageCursor,
  entry: { action: AuditAction; targetId?: string; details: Record<string, unknown> },
): Promise<void> {
  const result = await db.execute(sql`
    select 1 from audit_log
    where id = ${cursor.searchEntryId} and action = ${entry.action} and actor_user_id = ${actor.userId}::uuid
      and at > now() - make_interval(secs => ${CURSOR_TTL_MS / 1000})
      and (details - 'results' - 'includeContacts') = ${JSON.stringify(entry.details)}::jsonb
      ${entry.targetId ? sql`and target_id = ${entry.targetId}` : sql``}`);
  if (result.rows.length === 0) {
    throw validationError({
      after: `does not continue this search: the cursor is from another search or user, or over ${CURSOR_TTL_MS / 60_000} minutes old (search again without it)`,
    });
  }
}
