"use client";
import { badgeCounts, type ResultFilters } from "@/lib/investigation/result-filters";
import { numberingSentence, type Numbering } from "@/lib/investigation/result-numbering";
import type { SiteFeature } from "@/lib/investigation/workspace-types";

export const BADGE_STYLE = {
  seesSpot: "bg-green-100 text-green-900",
  facesStreet: "bg-blue-100 text-blue-900",
  urgent: "bg-amber-100 text-amber-900",
  overwritten: "bg-slate-200 text-slate-600 line-through decoration-1",
} as const;

interface Props {
  results: SiteFeature[];
  shown: number;
  filters: ResultFilters;
  onFilters: (filters: ResultFilters) => void;
  /** A route search: the first badge reads "Sees the route". */
  route: boolean;
  numbering: Numbering;
}

/**
 * What the badges mean and how many results carry each (counted over the whole
 * search, so a filter never hides how many there are), the two filters, and
 * which numbering this view uses: the map and this list number by rank; the
 * saved incident's page numbers them in walk order, like its canvass.
 */
export function ResultsLegend({ results, shown, filters, onFilters, route, numbering }: Props) {
  const counts = badgeCounts(results);
  const sees = route ? "Sees the route" : "Sees the spot";
  const badges = [
    { key: "seesSpot", label: sees, help: "a camera's view cone covers the pin or the route" },
    { key: "facesStreet", label: "Faces street", help: "records the street, or its cone crosses one" },
    { key: "urgent", label: "Urgent", help: "footage expires within 48 h" },
    { key: "overwritten", label: "Likely overwritten", help: "footage no longer kept at the incident time (past the retention)" },
  ] as const;
  const filtered = shown !== results.length;
  return (
    <div className="rounded border border-slate-200 bg-white p-2 text-xs xl:sticky xl:top-0 xl:z-10" data-testid="results-legend">
      <p className="font-medium" data-testid="results-numbering">
        {filtered ? `Showing ${shown} of ${results.length} sites` : `${results.length} ${results.length === 1 ? "site" : "sites"}`}, {numberingSentence(numbering)}
      </p>
      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1" aria-label="Badges">
        {badges.map((b) => (
          <li key={b.key} title={b.help} data-badge={b.key}>
            <span className={`rounded px-1.5 py-0.5 ${BADGE_STYLE[b.key]}`}>{b.label}</span> <span className="tabular-nums">{counts[b.key]}</span>
          </li>
        ))}
      </ul>
      <fieldset className="mt-1 flex flex-wrap gap-x-3">
        <legend className="sr-only">Filter the results</legend>
        <label className="flex min-h-11 cursor-pointer items-center gap-2">
          <input type="checkbox" className="h-5 w-5" checked={filters.seesSpotOnly} onChange={(e) => onFilters({ ...filters, seesSpotOnly: e.target.checked })} />
          {sees} only ({counts.seesSpot})
        </label>
        <label className="flex min-h-11 cursor-pointer items-center gap-2">
          <input type="checkbox" className="h-5 w-5" checked={filters.hideOverwritten} onChange={(e) => onFilters({ ...filters, hideOverwritten: e.target.checked })} />
          Hide overwritten ({counts.overwritten})
        </label>
      </fieldset>
    </div>
  );
}
