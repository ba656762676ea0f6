/** Figures from a load-test run, and the check that no registration was lost or half-written. */
import type { RegistrationTrace } from "../support/registration-integrity";
import { halfWritten } from "../support/registration-integrity";
import type { KindRecord, TrafficResult } from "./traffic";

export interface KindFigures {
  requests: number;
  statuses: Record<string, number>;
  noAnswer: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Mean bytes received per answer (compressed when gzip was asked and given). */
  meanAnswerBytes: number;
}

export interface RegistrationAccounting {
  answered201: number;
  rowsCreatedDuringRun: number;
  /** 201 answers whose registration is not in the database (must be 0). */
  missing201: string[];
  /** Rows for requests that were answered with something else than 201 (must be 0). */
  rowsWithoutA201: string[];
  /** Requests the client still had in flight when the time ran out (autocannon closes them unanswered). */
  cutOffAtTimeLimit: number;
  /** Of those, how many the server had committed anyway. */
  cutOffCommitted: number;
  /** Rows created during the run that no request of this run explains (must be 0). */
  unexplainedRows: string[];
  halfWritten: string[];
  active: number;
  pendingReview: number;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function kindFigures(record: KindRecord): KindFigures {
  const sorted = [...record.latenciesMs].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    requests: sorted.length + record.errors,
    statuses: record.statuses,
    noAnswer: record.errors,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? 0),
    meanAnswerBytes: sorted.length ? Math.round(record.bytes / sorted.length) : 0,
  };
}

export function serverErrors(record: KindRecord): number {
  return Object.entries(record.statuses).reduce((sum, [code, count]) => sum + (Number(code) >= 500 ? count : 0), 0);
}

/**
 * `tagged`: this run's registrations (by e-mail tag); `createdDuringRun`: ids
 * of every registration created since the run started, whoever made it.
 */
export function accountRegistrations(
  traffic: TrafficResult,
  tagged: RegistrationTrace[],
  createdDuringRun: string[],
): RegistrationAccounting {
  const reg = traffic.registrations;
  const byId = new Map(tagged.map((t) => [t.id, t]));
  const createdIds = new Set(reg.created.values());
  const cutOff = [...reg.sent].filter((email) => !reg.answered.has(email));
  const cutOffSet = new Set(cutOff);
  const explained = new Set([...createdIds, ...tagged.filter((t) => cutOffSet.has(t.email)).map((t) => t.id)]);
  return {
    answered201: reg.created.size,
    rowsCreatedDuringRun: createdDuringRun.length,
    missing201: [...createdIds].filter((id) => !byId.has(id)),
    rowsWithoutA201: tagged.filter((t) => !createdIds.has(t.id) && reg.answered.has(t.email)).map((t) => t.id),
    cutOffAtTimeLimit: cutOff.length,
    cutOffCommitted: tagged.filter((t) => cutOffSet.has(t.email)).length,
    unexplainedRows: createdDuringRun.filter((id) => !explained.has(id)),
    halfWritten: halfWritten(tagged, (email) => reg.cameras.get(email)).map((t) => t.id),
    active: tagged.filter((t) => t.status === "active").length,
    pendingReview: tagged.filter((t) => t.status === "pending_review").length,
  };
}
