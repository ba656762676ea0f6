/**
 * What ffprobe told us about a received video, as stored on the item
 * (evidence_items.media), and how staff read it. No Node APIs here: the staff
 * pages and the client panel both use it.
 */

/** What the staff see beside a video; stored as evidence_items.media. */
export interface MediaFacts {
  kind: "video";
  /** Seconds, from the container (or the video stream when the container has none). */
  durationS: number | null;
  /** When the recorder says recording started (the container's creation_time tag), ISO 8601; null when absent. */
  recordedAt: string | null;
  codec: string | null;
  width: number | null;
  height: number | null;
  container: string | null;
}

export interface UnreadableMedia {
  kind: "unreadable";
  /** Why ffprobe could not read it (its first error line), kept for the staff and the manifest. */
  error: string;
}

export type ProbeResult = MediaFacts | UnreadableMedia;

/** "1:05:03", "2:07" or "0:04": how long a clip runs, for people. */
export function formatDuration(seconds: number | null): string | null {
  if (seconds === null) return null;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** The stored evidence_items.media as a ProbeResult (null when nothing was probed). */
export function storedMedia(media: Record<string, unknown> | null | undefined): ProbeResult | null {
  if (!media || (media.kind !== "video" && media.kind !== "unreadable")) return null;
  return media as unknown as ProbeResult;
}

/** One line for staff and the manifest: "0:06 · h264 · 640×360 · recording started …". */
export function describeMedia(media: ProbeResult | null, timeZone: string): string | null {
  if (!media) return null;
  if (media.kind === "unreadable") return `video could not be read (${media.error})`;
  return [
    formatDuration(media.durationS),
    media.codec,
    media.width && media.height ? `${media.width}×${media.height}` : null,
    media.recordedAt ? `recording started ${formatRecorderTime(media.recordedAt, timeZone)} (recorder's clock)` : "no recording start time in the file",
  ]
    .filter(Boolean)
    .join(" · ");
}

/** To the second, in the agency's zone: clock offsets are measured in seconds. */
function formatRecorderTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    // h23: hour12: false is h24 in en-US, which prints a minute after midnight as "24:01".
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(new Date(iso));
}
