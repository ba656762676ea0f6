/**
 * Times are entered and shown in the agency's time zone, whatever the
 * browser's zone is. Pure helpers shared by the map's form and its results.
 */
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

/** "2026-03-08" + "02:30" in `timeZone` → ISO instant. A wall time skipped by DST moves forward with the clock. */
export function agencyLocalToIso(date: string, time: string, timeZone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const local = new TZDate(year, month - 1, day, hour, minute, timeZone);
  if (Number.isNaN(local.getTime()) || local.getDate() !== day) return null;
  return new Date(local.getTime()).toISOString();
}

/** An instant as "yyyy-MM-dd" and "HH:mm" in `timeZone`, for the form's inputs. */
export function isoToAgencyLocal(iso: string, timeZone: string): { date: string; time: string } {
  const local = new TZDate(Date.parse(iso), timeZone);
  return { date: format(local, "yyyy-MM-dd"), time: format(local, "HH:mm") };
}

/**
 * "Sat 7 Mar 2026, 12:00 CST" in the agency's zone; "" for no time (an unknown deadline, say).
 * Staff read English; a resident's text passes their language ("sáb, 7 mar 2026, 12:00 GMT-6").
 */
export function formatAgencyTime(instant: string | Date | null | undefined, timeZone: string, locale = "en-US"): string {
  if (instant === null || instant === undefined) return "";
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZoneName: "short",
  }).format(new Date(instant));
}

/** The date part of the same family, "Sat, Mar 7, 2026", for days (last confirmed, registered). */
export function formatAgencyDate(instant: string | Date | null | undefined, timeZone: string): string {
  if (instant === null || instant === undefined) return "";
  return new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(new Date(instant));
}
