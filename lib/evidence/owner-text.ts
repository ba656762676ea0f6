/**
 * Everything the owner reads (the upload page, the e-mail, the text message)
 * in one place, so a translation (issue 16) replaces one object.
 */
import { formatAgencyTime } from "@/lib/time/agency-time";
import type { RequestedCamera } from "@/db/schema/evidence";
import { recorderWindow } from "./request-state";

export function formatWallTime(instant: Date, timeZone: string, seconds = true): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "2-digit", minute: "2-digit", ...(seconds ? { second: "2-digit" } : {}), hourCycle: "h23" }).format(instant);
}

export function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function describeRequestedCamera(c: RequestedCamera): string {
  const where = c.position.replaceAll("_", "/");
  const what = [c.coversIncident ? "may see the spot" : null, c.recordsStreet ? "records the street" : null].filter(Boolean).join(" and ");
  const facing = c.bearingDeg === null ? "" : `, facing ${compass(c.bearingDeg)}`;
  return `${where} camera${facing}${what ? ` (${what})` : ""}`;
}

function compass(bearingDeg: number): string {
  const names = ["north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west"];
  return names[Math.round((((bearingDeg % 360) + 360) % 360) / 45) % 8];
}

/** "Your recorder runs 3 min 12 s ahead: look at 21:43:12–22:13:12 on its clock." or null. */
export function recorderWindowSentence(windowFrom: Date, windowTo: Date, clockOffsetS: number | null, timeZone: string): string | null {
  const shifted = recorderWindow(windowFrom, windowTo, clockOffsetS);
  if (!shifted || clockOffsetS === null) return null;
  const direction = clockOffsetS > 0 ? "ahead" : "behind";
  const amount = shifted.offsetLabel.replace(/^[+\u2212]/, "");
  return `Your recorder runs ${amount} ${direction}: look at ${formatWallTime(shifted.from, timeZone)}–${formatWallTime(shifted.to, timeZone)} on its clock.`;
}

export const OWNER_TEXT = {
  pageTitle: "Share video with the police",
  intro: (agency: string) => `${agency} is investigating an incident near your address and asks whether your cameras recorded it.`,
  windowHeading: "The time we are asking about",
  camerasHeading: "Cameras that matter",
  noteHeading: "Note from the detective",
  uploadHeading: "Upload your video",
  uploadHelp:
    "Choose one or more files: video clips, still pictures, or your recorder's export (a .zip or its player program). Large files are fine: if your connection drops, choose the same file again and the upload continues where it stopped.",
  limits: (perFile: string, total: string) => `Up to ${perFile} per file and ${total} in all for this request.`,
  chooseFiles: "Choose files",
  startUpload: "Upload",
  uploading: "Uploading…",
  uploaded: "Received. Thank you.",
  paused: "Connection lost. Choose the same file again to continue.",
  declineHeading: "Can't share video?",
  declineHelp: "Tell us why so we don't ask again.",
  declineReasons: {
    no_footage: "My cameras have nothing from that time",
    overwritten: "The recording has been overwritten",
    in_person: "I will hand it over in person",
    other: "Other",
  },
  declineNote: "Anything else (optional; required for Other)",
  declineSubmit: "Send",
  declined: "Thank you: we have noted your answer.",
  expired: "This link has expired. If you still have video, please contact the detective.",
  revoked: "This link is no longer in use.",
  notFound: "This link is not valid. Check that you copied all of it.",
  privacy: "Only this request can use this link. Files go straight to the police department and are kept as evidence.",
  expires: (when: string) => `This link works until ${when}.`,
  receivedFiles: (n: number) => (n === 1 ? "1 file received so far." : `${n} files received so far.`),
} as const;

export function requestMessage(input: {
  agencyName: string;
  uploadUrl: string;
  windowFrom: Date;
  windowTo: Date;
  clockOffsetS: number | null;
  timeZone: string;
  expiresAt: Date;
}): { subject: string; text: string; sms: string } {
  const window = `${formatAgencyTime(input.windowFrom, input.timeZone)} – ${formatWallTime(input.windowTo, input.timeZone, false)}`;
  const recorder = recorderWindowSentence(input.windowFrom, input.windowTo, input.clockOffsetS, input.timeZone);
  return {
    subject: `${input.agencyName}: request for security camera video`,
    text: [
      `${input.agencyName} is investigating an incident near your registered address and asks whether your cameras recorded it.`,
      "",
      `Time: ${window}`,
      ...(recorder ? [recorder] : []),
      "",
      "If you have video from that time, you can upload it (or tell us you have none) with this private link:",
      input.uploadUrl,
      "",
      `The link works until ${formatAgencyTime(input.expiresAt, input.timeZone)}. Please do not share it.`,
    ].join("\n"),
    sms: `${input.agencyName}: please check your cameras for ${window}${recorder ? ` (${recorder.replace(/\.$/, "")})` : ""}. Upload or reply with this private link: ${input.uploadUrl}`,
  };
}
