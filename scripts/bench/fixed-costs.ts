/**
 * The informational breakdown of one paged search request (issue 18), from figures of the same run: which part
 * of the API's p50 the fixed costs measured beside it account for. Medians do not add exactly, so the parts are
 * estimates and "the rest" is what is left (it can come out negative on a noisy run; it is shown as it is).
 */
import { round } from "./support/stats";

export interface FixedCostInputs {
  /** radiusApiP50Ms / radiusApiP95Ms: the paged search through the app. */
  apiP50Ms: number;
  apiP95Ms: number;
  /** radiusApiIdentityP50Ms: the same without compression. */
  identityP50Ms: number;
  /** httpFloorP50Ms / httpFloorP95Ms: the cheapest authenticated request. */
  httpFloorP50Ms: number;
  httpFloorP95Ms: number;
  /** radiusDbP50Ms: the search statement's plan in the database. */
  searchDbP50Ms: number;
  /** auditCommitDbP50Ms and dbRoundTripP50Ms: a committed audit row, and `select 1`, from the client. */
  auditCommitDbP50Ms: number;
  dbRoundTripP50Ms: number;
  /** radiusFilterDbP50Ms: the bare ST_DWithin, the goal's floor. */
  filterDbP50Ms: number;
}

export interface FixedCostPart {
  label: string;
  ms: number;
}

export function requestBreakdown(f: FixedCostInputs): { parts: FixedCostPart[]; line: string } {
  const known: FixedCostPart[] = [
    { label: "HTTP floor (Next.js in and out, token check, one small read, uncompressed)", ms: f.httpFloorP50Ms },
    { label: "gzip (paged − identity)", ms: f.apiP50Ms - f.identityP50Ms },
    { label: "search plan in the database", ms: f.searchDbP50Ms },
    { label: "audit commit (committed INSERT − select 1)", ms: f.auditCommitDbP50Ms - f.dbRoundTripP50Ms },
  ];
  const rest = f.apiP50Ms - known.reduce((sum, p) => sum + p.ms, 0);
  const parts = [...known, { label: "rest (rows sent and parsed, the route's JavaScript, the larger body through Next.js)", ms: rest }].map((p) => ({
    label: p.label,
    ms: round(p.ms, 2),
  }));
  const ratio = (a: number, b: number) => round(a / b, 1);
  const line =
    `API p50 ${round(f.apiP50Ms, 2)} ms ≈ ${parts.map((p) => `${p.label} ${p.ms}`).join(" + ")} ms (p50s); ` +
    `API p95 ${round(f.apiP95Ms, 2)} ms = ${ratio(f.apiP95Ms, f.filterDbP50Ms)}× the ST_DWithin floor, ${ratio(f.apiP95Ms, f.httpFloorP95Ms)}× the HTTP floor's p95 ` +
    `(${round(f.httpFloorP95Ms, 2)} ms, itself ${ratio(f.httpFloorP95Ms, f.filterDbP50Ms)}× the ST_DWithin floor)`;
  return { parts, line };
}
