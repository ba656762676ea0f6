import { describe, expect, it } from "vitest";
import { badgeCounts, filterResults, NO_FILTERS } from "@/lib/investigation/result-filters";
import type { SiteFeature } from "@/lib/investigation/site-features";

type Status = SiteFeature["properties"]["footage"]["status"];

function site(rank: number, seesPoint: boolean, facesStreet: boolean, status: Status): SiteFeature {
  return {
    type: "Feature",
    id: String(rank),
    geometry: { type: "Point", coordinates: [-87.88, 41.86] },
    properties: { rank, registrationId: String(rank), seesPoint, facesStreet, footage: { status, expiresAt: null } } as unknown as SiteFeature["properties"],
  };
}

const RESULTS = [
  site(1, true, true, "available"),
  site(2, true, false, "likely_overwritten"),
  site(3, false, true, "urgent"),
  site(4, false, true, "likely_overwritten"),
  site(5, false, false, "unknown"),
];
const ranks = (sites: SiteFeature[]) => sites.map((s) => s.properties.rank);

describe("results filters", () => {
  it("counts every badge over the whole search", () => {
    expect(badgeCounts(RESULTS)).toEqual({ seesSpot: 2, facesStreet: 3, urgent: 1, overwritten: 2 });
    expect(badgeCounts([])).toEqual({ seesSpot: 0, facesStreet: 0, urgent: 0, overwritten: 0 });
  });

  it("keeps the search's ranks and order, and each filter removes only its sites", () => {
    expect(ranks(filterResults(RESULTS, NO_FILTERS))).toEqual([1, 2, 3, 4, 5]);
    expect(ranks(filterResults(RESULTS, { seesSpotOnly: true, hideOverwritten: false }))).toEqual([1, 2]);
    expect(ranks(filterResults(RESULTS, { seesSpotOnly: false, hideOverwritten: true }))).toEqual([1, 3, 5]);
    expect(ranks(filterResults(RESULTS, { seesSpotOnly: true, hideOverwritten: true }))).toEqual([1]);
  });
});
