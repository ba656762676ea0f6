/**
 * What the owner reads about a footage request (the upload page, the e-mail,
 * the text message), in the owner's language. The words are in messages/*.json
 * (namespaces "upload" and "email"); this file only puts them together, with
 * times in the agency's zone written the way the owner's language writes them.
 */
import type { RequestedCamera } from "@/db/schema/evidence";
import type { Translate } from "@/lib/i18n/translate";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { recorderWindow } from "./request-state";

/** "21:43:12" (or "21:43") in the agency's zone: a recorder's clock reads 24-hour time in every language. */
export function formatWallTime(instant: Date, timeZone: string, seconds = true, locale = "en-US"): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit", ...(seconds ? { second: "2-digit" } : {}), hourCycle: "h23" }).format(instant);
}

/** "Sat, Mar 7, 2026, 21:30 CST – 22:00": the window asked for. */
export function formatRequestWindow(windowFrom: Date, windowTo: Date, timeZone: string, locale = "en-US"): string {
  return `${formatAgencyTime(windowFrom, timeZone, locale)} – ${formatWallTime(windowTo, timeZone, false, locale)}`;
}

export function formatBytes(bytes: number, locale = "en-US"): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} bytes`;
  const digits = value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

const COMPASS = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"] as const;

/**
 * "Front camera, facing north (may see the spot and records the street)".
 * `form` is the registration form's namespace, whose camera positions and
 * compass words the owner already saw when registering.
 */
export function describeRequestedCamera(c: RequestedCamera, t: Translate, form: Translate, locale: string): string {
  let text = t("camera", { position: form(`positions.${c.position}`) });
  if (c.bearingDeg !== null) {
    const point = COMPASS[Math.round((((c.bearingDeg % 360) + 360) % 360) / 45) % 8];
    text = t("cameraFacing", { camera: text, direction: form(`compass.${point}`) });
  }
  const reasons = [c.coversIncident ? t("seesSpot") : null, c.recordsStreet ? t("recordsStreet") : null].filter((r): r is string => r !== null);
  if (reasons.length === 0) return text;
  return t("cameraWhy", { camera: text, reasons: new Intl.ListFormat(locale, { type: "conjunction" }).format(reasons) });
}

/** "Your recorder runs 3 min 12 s ahead: look at 21:43:12–22:13:12 on its clock." or null without an offset. */
export function recorderWindowSentence(windowFrom: Date, windowTo: Date, clockOffsetS: number | null, timeZone: string, t: Translate, locale = "en-US"): string | null {
  const shifted = recorderWindow(windowFrom, windowTo, clockOffsetS);
  if (!shifted || clockOffsetS === null) return null;
  return t(clockOffsetS > 0 ? "recorderAhead" : "recorderBehind", {
    amount: shifted.offsetLabel.replace(/^[+\u2212]/, ""),
    from: formatWallTime(shifted.from, timeZone, true, locale),
    to: formatWallTime(shifted.to, timeZone, true, locale),
  });
}

/** The e-mail and the text message that carry the upload link, in the owner's language. */
export function requestMessage(input: {
  agencyName: string;
  uploadUrl: string;
  windowFrom: Date;
  windowTo: Date;
  clockOffsetS: number | null;
  timeZone: string;
  expiresAt: Date;
  locale: string;
  /** The "email" namespace. */
  email: Translate;
  /** The "upload" namespace (the recorder sentence is the page's). */
  upload: Translate;
}): { subject: string; text: string; sms: string } {
  const { email, locale } = input;
  const window = formatRequestWindow(input.windowFrom, input.windowTo, input.timeZone, locale);
  const recorder = recorderWindowSentence(input.windowFrom, input.windowTo, input.clockOffsetS, input.timeZone, input.upload, locale);
  return {
    subject: email("footageSubject", { agency: input.agencyName }),
    text: [
      email("footageIntro", { agency: input.agencyName }),
      "",
      email("footageTime", { window }),
      ...(recorder ? [recorder] : []),
      "",
      email("footageHowTo"),
      input.uploadUrl,
      "",
      email("footageExpires", { when: formatAgencyTime(input.expiresAt, input.timeZone, locale) }),
    ].join("\n"),
    sms: email("footageSms", { agency: input.agencyName, window, recorder: recorder ? ` (${recorder.replace(/\.$/, "")})` : "", url: input.uploadUrl }),
  };
}
