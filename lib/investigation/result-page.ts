/**
 * Paging of a search's ranked answer (issue 18): a dense registry puts ~311 sites (~415 KB of JSON) in a
 * 500 m circle, and building and sending all of them was most of a search request's time. An answer is one
 * page of the ranking, `DEFAULT_PAGE_SIZE` sites unless `limit` says otherwise (`limit=all`: every site, as
 * before paging), with the full count and, when more follow, a cursor for the next page.
 *
 * Every page ranks the whole answer again (the database finds every site either way; the ranking needs them
 * all) and cuts its page after the cursor's site. The order is total: compareRanked is compareSites with the
 * registration id as the last tie-break, and the cursor pins the `now` the footage statuses were worked out
 * with, so page 2 continues exactly where page 1 stopped: pages never overlap or skip a site that did not
 * change in between. The cursor is a position in the ranking (the last site's rank key), not an offset, so a
 * site registered or withdrawn between two page requests moves nothing else across the cut.
 *
 * The cursor also names the audit entry of the search it continues (`searchEntryId`): a following page is
 * not a new search and writes no entry of its own, but it is served only while that entry (same user, same
 * search, under CURSOR_TTL_MS old) is there to account for it (run-search.ts, view-incident-sites.ts).
 *
 * Pure: no database import (unit-tested in tests/unit/result-page.test.ts).
 */
import { z } from "zod";
import { compareRanked, type RankableSite } from "./rank-sites";

/**
 * 100 sites (~130 KB uncompressed at ~1.3 KB a site): every answer at a realistic density is one page (~8 sites
 * in a 500 m circle at a state-wide program's ~11 sites/km²; the demo's searches hold tens), while the bench's
 * dense 1M registry (311 sites in 500 m) answers a detective's first screenful in a third of the bytes and the
 * map follows the next pages. Larger pages cost the same per site; smaller ones make the map ask more often.
 */
export const DEFAULT_PAGE_SIZE = 100;
/** The largest numbered page; `limit=all` answers everything in one. */
export const MAX_PAGE_SIZE = 1000;
/** A cursor continues its search for this long after the search's audit entry; then the search is run again. */
export const CURSOR_TTL_MS = 15 * 60 * 1000;

/** `limit`: 1–MAX_PAGE_SIZE sites, or "all". Parsed to a number, or null for every site. */
export const pageLimit = z
  .string()
  .transform((v, ctx) => {
    if (v === "all") return null;
    if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_PAGE_SIZE) {
      ctx.addIssue({ code: "custom", message: `must be a whole number from 1 to ${MAX_PAGE_SIZE}, or "all"` });
      return z.NEVER;
    }
    return Number(v);
  });

/** The along body may send `limit` as a JSON number. */
export const pageLimitValue = z
  .union([z.number(), z.string()], { error: `must be a whole number from 1 to ${MAX_PAGE_SIZE}, or "all"` })
  .transform((v) => String(v))
  .pipe(pageLimit);

/** The rank key of the last site of a page: enough of compareRanked's inputs to find where the next page starts. */
export interface RankKey extends RankableSite {
  registrationId: string;
}

export interface PageCursor {
  /** audit_log.id of the search (or incident view) this cursor continues. */
  searchEntryId: number;
  /** The `now` that search's footage statuses were worked out with (ms since the epoch). */
  nowMs: number;
  after: RankKey;
}

const FOOTAGE_STATUSES = ["available", "urgent", "likely_overwritten", "unknown"] as const;

const cursorShape = z.object({
  s: z.number().int().positive(),
  n: z.number().int().nonnegative(),
  k: z.tuple([
    z.boolean(),
    z.boolean(),
    z.enum(FOOTAGE_STATUSES),
    z.string().nullable(),
    z.boolean(),
    z.number().refine(Number.isFinite),
    z.string().regex(/^[0-9a-f-]{36}$/i),
  ]),
});

export function encodeCursor(cursor: PageCursor): string {
  const k = cursor.after;
  const body = {
    s: cursor.searchEntryId,
    n: cursor.nowMs,
    k: [k.seesPoint, k.facesStreet, k.footage.status, k.footage.expiresAt, Boolean(k.footageMayNotHaveRecorded), k.distanceM, k.registrationId],
  };
  return Buffer.from(JSON.stringify(body)).toString("base64url");
}

function decodeCursor(text: string): PageCursor | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = cursorShape.safeParse(json);
  if (!parsed.success) return null;
  const [seesPoint, facesStreet, status, expiresAt, footageMayNotHaveRecorded, distanceM, registrationId] = parsed.data.k;
  return {
    searchEntryId: parsed.data.s,
    nowMs: parsed.data.n,
    after: { seesPoint, facesStreet, footage: { status, expiresAt }, footageMayNotHaveRecorded, distanceM, registrationId },
  };
}

/** `after`: a cursor from a previous page's `page.next`. */
export const pageAfter = z
  .string({ error: "must be the cursor from a previous answer's page.next" })
  .max(2048, "is not a cursor from this API (too long)")
  .transform((v, ctx) => {
    const cursor = decodeCursor(v);
    if (!cursor) {
      ctx.addIssue({ code: "custom", message: "is not a cursor from this API (use page.next of the previous answer)" });
      return z.NEVER;
    }
    return cursor;
  });

/** The paging a request asked for: the page size (null: all) and where it starts. */
export interface PageRequest {
  limit: number | null;
  after?: PageCursor;
}

export const firstPage = (limit: number | null | undefined): PageRequest => ({ limit: limit === undefined ? DEFAULT_PAGE_SIZE : limit });

/** What an answer says about its page (the `page` member of the FeatureCollection). */
export interface PageInfo {
  /** Every site the search found, on all pages. */
  total: number;
  /** The page size asked for; null for `limit=all`. */
  limit: number | null;
  /** Rank of the page's first site minus one (0 on the first page). */
  offset: number;
  /** Cursor for the next page (pass it as `after` with the same search), or null on the last page. */
  next: string | null;
  /** GET routes: the next page's path and query (this request's, with `after` and the search's `at`), or null. */
  nextUrl?: string | null;
}

/** The next page's URL for a GET route: the same query with `after` (and `set`, e.g. the `at` a default filled in), path-relative. */
export function nextPageUrl(requestUrl: string, page: PageInfo, set: Record<string, string> = {}): string | null {
  if (!page.next) return null;
  const url = new URL(requestUrl);
  for (const [key, value] of Object.entries(set)) url.searchParams.set(key, value);
  url.searchParams.set("after", page.next);
  return `${url.pathname}${url.search}`;
}

/** One page of a ranked list (sorted by compareRanked), and what the answer says about it. */
export function pageOf<T extends RankKey>(ranked: readonly T[], request: PageRequest, cursor: { searchEntryId: number | null; nowMs: number }) {
  const start = request.after ? firstAfter(ranked, request.after.after) : 0;
  const end = request.limit === null ? ranked.length : Math.min(ranked.length, start + request.limit);
  const sites = ranked.slice(start, end);
  const more = end < ranked.length && sites.length > 0;
  if (more && cursor.searchEntryId === null) throw new Error("a page with more to follow needs its search's audit entry id");
  const page: PageInfo = {
    total: ranked.length,
    limit: request.limit,
    offset: start,
    next: more ? encodeCursor({ searchEntryId: cursor.searchEntryId!, nowMs: cursor.nowMs, after: sites[sites.length - 1] }) : null,
  };
  return { sites, page };
}

/** The index of the first site ranked after `key` (binary search: the list is sorted by compareRanked). */
function firstAfter(ranked: readonly RankKey[], key: RankKey): number {
  let lo = 0;
  let hi = ranked.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareRanked(ranked[mid], key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
