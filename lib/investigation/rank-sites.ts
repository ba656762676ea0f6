/**
 * The order a detective works the results in: a camera that could see the spot
 * first, then street-facing ones, then footage that disappears soonest, then
 * the nearest. Footage already overwritten is worth least, so it sorts after
 * sites whose retention is unknown. Between sites alike in all that, one that
 * records continuously comes before one that records only on motion or on a
 * schedule (its footage may not exist).
 */
import type { Footage, FootageStatus } from "./footage-status";

export interface RankableSite {
  seesPoint: boolean;
  facesStreet: boolean;
  footage: Footage;
  distanceM: number;
  footageMayNotHaveRecorded?: boolean;
}

const FOOTAGE_GROUP: Record<FootageStatus, number> = { urgent: 0, available: 0, unknown: 1, likely_overwritten: 2 };

export function compareSites(a: RankableSite, b: RankableSite): number {
  if (a.seesPoint !== b.seesPoint) return a.seesPoint ? -1 : 1;
  if (a.facesStreet !== b.facesStreet) return a.facesStreet ? -1 : 1;
  const group = FOOTAGE_GROUP[a.footage.status] - FOOTAGE_GROUP[b.footage.status];
  if (group !== 0) return group;
  const bothRetained = FOOTAGE_GROUP[a.footage.status] === 0;
  if (bothRetained && a.footage.expiresAt && b.footage.expiresAt && a.footage.expiresAt !== b.footage.expiresAt) {
    return Date.parse(a.footage.expiresAt) - Date.parse(b.footage.expiresAt);
  }
  const mayNot = Number(Boolean(a.footageMayNotHaveRecorded)) - Number(Boolean(b.footageMayNotHaveRecorded));
  if (mayNot !== 0) return mayNot;
  return a.distanceM - b.distanceM;
}

/**
 * compareSites, then the registration id: a total order, so a ranking worked out again (the next page of an
 * answer, result-page.ts) puts every site where it was. Sites alike in everything compareSites looks at are
 * at the same distance, and the search used to read them in (distance, id) order, so this is the order the
 * stable sort gave them before the tie-break was written down. Since migration 0017 the statement does not
 * sort at all (find-sites.ts): the order rests on this tie-break alone.
 */
export function compareRanked(a: RankableSite & { registrationId: string }, b: RankableSite & { registrationId: string }): number {
  return compareSites(a, b) || (a.registrationId < b.registrationId ? -1 : a.registrationId > b.registrationId ? 1 : 0);
}

/**
 * compareRanked with each site's expiry already parsed (`expiresMs`: Date.parse of
 * footage.expiresAt, NaN when null): the same order, comparison for comparison. Two expiries differ as
 * strings exactly when they differ in ms (both are toISOString's). tests/unit/rank-sites.test.ts holds them equal.
 */
export function rankedOrder(a: RankableSite & { registrationId: string }, aExpiresMs: number, b: RankableSite & { registrationId: string }, bExpiresMs: number): number {
  if (a.seesPoint !== b.seesPoint) return a.seesPoint ? -1 : 1;
  if (a.facesStreet !== b.facesStreet) return a.facesStreet ? -1 : 1;
  const groupA = FOOTAGE_GROUP[a.footage.status];
  const group = groupA - FOOTAGE_GROUP[b.footage.status];
  if (group !== 0) return group;
  if (groupA === 0 && a.footage.expiresAt && b.footage.expiresAt && aExpiresMs !== bExpiresMs) return aExpiresMs - bExpiresMs;
  const mayNot = Number(Boolean(a.footageMayNotHaveRecorded)) - Number(Boolean(b.footageMayNotHaveRecorded));
  if (mayNot !== 0) return mayNot;
  if (a.distanceM !== b.distanceM) return a.distanceM - b.distanceM;
  return a.registrationId < b.registrationId ? -1 : a.registrationId > b.registrationId ? 1 : 0;
}

export function rankSites<T extends RankableSite>(sites: readonly T[]): T[] {
  return [...sites].sort(compareSites);
}
