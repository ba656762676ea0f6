/**
 * A readable name for an incident wherever one is listed: its title, else the
 * case number with the offence, else the offence (or "Incident") at its
 * address or on its date; never a bare id. Pure.
 */
import { formatAgencyTime } from "@/lib/time/agency-time";

export interface TitledIncident {
  title: string | null;
  caseNumber: string | null;
  offense: string | null;
  address: string | null;
  occurredFrom: Date | string;
}

export function incidentTitle(i: TitledIncident, timeZone: string): string {
  if (i.title) return i.title;
  const what = i.offense || "Incident";
  if (i.caseNumber) return i.offense ? `${i.caseNumber} · ${i.offense}` : i.caseNumber;
  if (i.address) return `${what} at ${i.address}`;
  return `${what} of ${formatAgencyTime(i.occurredFrom, timeZone)}`;
}
