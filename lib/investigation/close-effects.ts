/**
 * What closing an incident does, said where a supervisor closes it, so one mis-tap is not taken for
 * "done with the form": it leaves the lists people work from, and it starts the evidence retention clock
 * (EVIDENCE_RETENTION_DAYS; lib/evidence/retention.ts) unless the incident is under a legal hold.
 * Pure: the incident page passes the configuration and the hold.
 */
export function closeIncidentEffects({ evidenceRetentionDays, legalHold }: { evidenceRetentionDays: number | null; legalHold: boolean }): string[] {
  const evidence = legalHold
    ? "Its evidence stays: the incident is under a legal hold."
    : evidenceRetentionDays
      ? `Its evidence files are deleted ${evidenceRetentionDays} day${evidenceRetentionDays === 1 ? "" : "s"} after closing, unless it is reopened or a supervisor places a legal hold (Evidence page).`
      : "Its evidence files are kept (no evidence retention period is configured).";
  return [
    "It leaves the open incidents list and the dashboard, and its stops leave every detective's My canvass.",
    evidence,
    "The canvass, its outcomes and the audit trail are kept, and a supervisor can reopen it.",
  ];
}
