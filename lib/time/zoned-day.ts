/** Offset of `timeZone` from UTC at `instant`, in minutes (Chicago in winter: -360). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - instant.getTime()) / 60_000);
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
