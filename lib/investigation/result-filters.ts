/**
 * The results panel's filters and badge counts. One function decides what is
 * shown so the list and the map's markers and cones always agree. Ranks are
 * kept as the search gave them: a filtered list reads #1, #3, #4, the same
 * numbers the map shows. Pure, shared with the unit tests.
 */
import type { SiteFeature } from "./site-features";

export interface ResultFilters {
  /** Only sites with a camera whose view cone covers the pin (or the route). */
  seesSpotOnly: boolean;
  /** Leave out sites whose footage is past its retention at the incident time. */
  hideOverwritten: boolean;
}

export const NO_FILTERS: ResultFilters = { seesSpotOnly: false, hideOverwritten: false };

type Site = SiteFeature["properties"];

export const BADGE_TESTS = {
  seesSpot: (p: Site) => p.seesPoint,
  facesStreet: (p: Site) => p.facesStreet,
  urgent: (p: Site) => p.footage.status === "urgent",
  overwritten: (p: Site) => p.footage.status === "likely_overwritten",
} as const;

export type Badge = keyof typeof BADGE_TESTS;

export function filterResults(results: SiteFeature[], filters: ResultFilters): SiteFeature[] {
  return results.filter((site) => (!filters.seesSpotOnly || BADGE_TESTS.seesSpot(site.properties)) && (!filters.hideOverwritten || !BADGE_TESTS.overwritten(site.properties)));
}

/** How many of `results` carry each badge. */
export function badgeCounts(results: SiteFeature[]): Record<Badge, number> {
  const counts = { seesSpot: 0, facesStreet: 0, urgent: 0, overwritten: 0 };
  for (const site of results) for (const badge of Object.keys(BADGE_TESTS) as Badge[]) if (BADGE_TESTS[badge](site.properties)) counts[badge]++;
  return counts;
}
