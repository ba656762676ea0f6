/**
 * One numbering per view, and the view says which. The search map numbers its
 * results by rank (#1 is the most useful site); a saved incident's page
 * numbers them, in its list and on its map, by the canvass's walk order ("Stop 3"), the same numbers as its
 * canvass table, so one site is never "#2" and "Stop 3" on the same screen.
 * Pure, shared with the unit tests.
 */
import type { SiteFeature } from "./site-features";

export type Numbering = { kind: "rank" } | { kind: "walk"; stopByRegistration: Record<string, number | null> };

export const BY_RANK: Numbering = { kind: "rank" };

/** The site's number in this view: "#3", "Stop 3", or null when it is not on the canvass (registered since). */
export function siteNumber(site: SiteFeature, numbering: Numbering): { short: string; long: string } | null {
  if (numbering.kind === "rank") return { short: String(site.properties.rank), long: `#${site.properties.rank}` };
  const id = site.properties.registrationId;
  if (!(id in numbering.stopByRegistration)) return null;
  const stop = numbering.stopByRegistration[id];
  // On the canvass, but its walk has not been planned yet (planning failed when the incident was saved).
  return typeof stop === "number" ? { short: String(stop), long: `Stop ${stop}` } : { short: "?", long: "Stop (walk not planned yet)" };
}

/** The results in this view's order: by rank, or by stop with sites not on the canvass last (by rank). */
export function inViewOrder(sites: SiteFeature[], numbering: Numbering): SiteFeature[] {
  if (numbering.kind === "rank") return sites;
  const stop = (s: SiteFeature) => numbering.stopByRegistration[s.properties.registrationId] ?? Infinity;
  return [...sites].sort((a, b) => stop(a) - stop(b) || a.properties.rank - b.properties.rank);
}

export function numberingSentence(numbering: Numbering): string {
  return numbering.kind === "rank"
    ? "numbered by rank, #1 most useful (an incident's page numbers by walk order)."
    : "numbered by stop in walk order, on the map as in the canvass below.";
}
