/**
 * Times are entered and shown in the agency's time zone, whatever the
 * browser's zone is. Pure helpers shared by the map's form and its results.
 */
import { TZDate } from "@date-fns/tz";
import { zonedWallTime } from "./zoned-day";
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
export function formatAgencyTime(
  instant: string | Date | null | undefined,
  timeZone: string,
  locale = "en-US",
  options: { seconds?: boolean; timeOnly?: boolean } = {},
): string {
  if (instant === null || instant === undefined) return "";
  return agencyTimeFormat(timeZone, locale, options.seconds === true, options.timeOnly === true).format(new Date(instant));
}

// Building an Intl.DateTimeFormat costs far more than using one, and an export formats thousands of times.
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function agencyTimeFormat(timeZone: string, locale: string, seconds: boolean, timeOnly: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${locale}|${seconds}|${timeOnly}`;
  let formatter = timeFormats.get(key);
  if (!formatter) {
    // timeOnly: the end of a range whose start already says the day ("21:43:12 to 21:58:12 CST").
    const day = timeOnly ? {} : ({ weekday: "short", day: "numeric", month: "short", year: "numeric" } as const);
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone,
      ...day,
      hour: "2-digit",
      minute: "2-digit",
      // A recorder's time is read to the second (the clock offset is), so exports keep them.
      ...(seconds ? { second: "2-digit" as const } : {}),
      // h23, not hour12: false, which en-US turns into h24 and prints midnight as "24:01".
      hourCycle: "h23",
      timeZoneName: "short",
    });
    timeFormats.set(key, formatter);
  }
  return formatter;
}

/**
 * An instant as ISO 8601 with the agency's UTC offset, to the second
 * ("2026-12-17T16:00:00-06:00"): exact for machines, sortable, and the wall
 * time a person in the agency reads; "" for no time. For exports.
 */
export function formatAgencyIso(instant: string | Date | null | undefined, timeZone: string): string {
  if (instant === null || instant === undefined) return "";
  const { year, month, day, hour, minute, second, offsetMin } = zonedWallTime(new Date(instant), timeZone);
  const sign = offsetMin < 0 ? "-" : "+";
  const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${sign}${pad(Math.trunc(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The date part of the same family, "Sat, Mar 7, 2026", for days (last confirmed, registered). */
export function formatAgencyDate(instant: string | Date | null | undefined, timeZone: string): string {
  if (instant === null || instant === undefined) return "";
  let formatter = dateFormats.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" });
    dateFormats.set(timeZone, formatter);
  }
  return formatter.format(new Date(instant));
}
