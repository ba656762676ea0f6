const wallTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time in `timeZone` at `instant` (to the second), and the zone's offset from UTC then, in minutes. */
export function zonedWallTime(instant: Date | number, timeZone: string) {
  let formatter = wallTimeFormats.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      // h23: hour12 false is h24 in en-US, which reads a minute after midnight as 24:01.
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    wallTimeFormats.set(timeZone, formatter);
  }
  const ms = Math.floor(new Date(instant).getTime() / 1000) * 1000;
  const part: Record<string, string> = {};
  for (const p of formatter.formatToParts(ms)) part[p.type] = p.value;
  const [year, month, day, hour, minute, second] = [part.year, part.month, part.day, part.hour, part.minute, part.second].map(Number);
  // The wall time read as if it were UTC, minus the instant, is the zone's offset at that instant.
  const offsetMin = Math.round((Date.UTC(year, month - 1, day, hour, minute, second) - ms) / 60_000);
  return { year, month, day, hour, minute, second, offsetMin };
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Chicago in winter: -360). */
function offsetMinutes(instant: Date, timeZone: string): number {
  return zonedWallTime(instant, timeZone).offsetMin;
}

/**
 * The instant a calendar day (YYYY-MM-DD) starts in `timeZone`. Two passes
 * settle the offset on daylight-saving days.
 */
export function startOfZonedDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const wallAsUtc = Date.UTC(y, m - 1, d);
  let guess = wallAsUtc - offsetMinutes(new Date(wallAsUtc), timeZone) * 60_000;
  guess = wallAsUtc - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** The instant the day after `day` starts: the exclusive end of a date-range filter. */
export function endOfZonedDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return startOfZonedDay(next, timeZone);
}
