/**
 * A recorder's clock offset: recorder clock minus true time, in seconds.
 * Detectives write it the way they read it off a DVR next to their phone
 * ("+3 min 12 s", "−45 s", "+1:02:03"), so the parser accepts those forms,
 * including the Unicode minus and en dash that phones and word processors produce.
 */

export type ClockOffsetParse = { ok: true; seconds: number } | { ok: false; message: string };

const MINUS_SIGNS = /^[-\u2212\u2013\u2014]/;
const UNIT_SECONDS: Record<string, number> = {
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
};
/** A recorder more than a week off is a typo, not a clock. */
export const MAX_CLOCK_OFFSET_S = 7 * 24 * 3600;

export const CLOCK_OFFSET_HINT = 'like "+3 min 12 s", "−45 s", "+1:02:03" or "0"';

export function parseClockOffset(input: string): ClockOffsetParse {
  let text = input.trim().toLowerCase();
  if (text === "") return { ok: false, message: `enter the offset ${CLOCK_OFFSET_HINT}` };
  let sign = 1;
  if (MINUS_SIGNS.test(text)) {
    sign = -1;
    text = text.slice(1).trim();
  } else if (text.startsWith("+")) {
    text = text.slice(1).trim();
  }
  let seconds: number | null = null;
  if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else if (/^\d+(:\d{1,2}){1,2}$/.test(text)) {
    // m:ss or h:mm:ss, as a DVR shows it
    const parts = text.split(":").map(Number);
    if (parts.slice(1).some((p) => p >= 60)) return { ok: false, message: "minutes and seconds must be below 60" };
    seconds = parts.reduce((total, part) => total * 60 + part, 0);
  } else {
    const tokens = [...text.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)\s*,?\s*/g)];
    const consumed = tokens.map((t) => t[0]).join("");
    if (tokens.length > 0 && consumed.replace(/\s|,/g, "") === text.replace(/\s|,/g, "")) {
      let total = 0;
      const seen = new Set<number>();
      for (const [, amount, unit] of tokens) {
        const factor = UNIT_SECONDS[unit];
        if (!factor) return { ok: false, message: `unknown unit "${unit}"; use h, min or s` };
        if (seen.has(factor)) return { ok: false, message: `"${unit}" appears twice` };
        seen.add(factor);
        total += Number(amount) * factor;
      }
      seconds = Math.round(total);
    }
  }
  if (seconds === null || !Number.isFinite(seconds)) return { ok: false, message: `not an offset; write it ${CLOCK_OFFSET_HINT}` };
  if (seconds > MAX_CLOCK_OFFSET_S) return { ok: false, message: "more than 7 days off; check the recorder's date" };
  // Normalise -0 to 0.
  return { ok: true, seconds: seconds === 0 ? 0 : sign * seconds };
}

/** "+3 min 12 s", "−45 s", "0 s"; a Unicode minus so spreadsheets never read it as a formula. */
export function formatClockOffset(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "";
  if (seconds === 0) return "0 s";
  const sign = seconds < 0 ? "\u2212" : "+";
  let rest = Math.abs(Math.round(seconds));
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  const parts: string[] = [];
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  if (s) parts.push(`${s} s`);
  return sign + parts.join(" ");
}

/**
 * The offset in words for exports, "3 min 12 s ahead", "45 s behind", "in
 * sync": never a leading sign, so a spreadsheet neither reads it as a formula
 * nor shows a formula guard's apostrophe; "" when no offset was recorded.
 */
export function describeClockOffset(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "";
  if (Math.round(seconds) === 0) return "in sync";
  return `${formatClockOffset(Math.abs(seconds)).slice(1)} ${seconds > 0 ? "ahead" : "behind"}`;
}

/**
 * The time to look for on the recorder: a recorder running fast (positive
 * offset) shows the event later than it really happened.
 */
export function recorderTimeFor(trueTime: Date, clockOffsetS: number | null | undefined): Date {
  return new Date(trueTime.getTime() + (clockOffsetS ?? 0) * 1000);
}
