"use client";
import { useEffect, useRef } from "react";
import type { ResultFilters } from "@/lib/investigation/result-filters";
import { siteNumber, type Numbering } from "@/lib/investigation/result-numbering";
import type { SiteFeature } from "@/lib/investigation/workspace-types";
import { ResultCard } from "./result-card";
import { ResultsLegend } from "./results-legend";

interface Props {
  results: SiteFeature[];
  shown: SiteFeature[];
  filters: ResultFilters;
  onFilters: (filters: ResultFilters) => void;
  route: boolean;
  numbering: Numbering;
  selectedId: string | null;
  onSelect: (id: string) => void;
  timeZone: string;
  incidentId?: string | null;
}

/** The ranked results: the legend and filters, then a compact card per site, in the order to work them. */
export function ResultsList({ results, shown, filters, onFilters, route, numbering, selectedId, onSelect, timeZone, incidentId }: Props) {
  const selectedRef = useRef<HTMLLIElement | null>(null);
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [selectedId]);

  if (results.length === 0) return <p className="text-sm text-slate-600">No active registered sites in range.</p>;
  return (
    <>
      <ResultsLegend results={results} shown={shown.length} filters={filters} onFilters={onFilters} route={route} numbering={numbering} />
      {shown.length === 0 && <p className="mt-2 text-sm text-slate-600">No result matches the filters.</p>}
      <ol className="mt-2 space-y-1.5" aria-label={numbering.kind === "rank" ? "Ranked results" : "Results in walk order"}>
        {shown.map((site) => {
          const selected = site.properties.registrationId === selectedId;
          return (
            <ResultCard
              key={site.properties.registrationId}
              ref={selected ? selectedRef : undefined}
              site={site}
              number={siteNumber(site, numbering)?.long ?? null}
              selected={selected}
              onSelect={onSelect}
              timeZone={timeZone}
              incidentId={incidentId}
            />
          );
        })}
      </ol>
    </>
  );
}
