/**
 * Facts about a received video from Debian's ffprobe, and a poster frame from
 * ffmpeg. Both run as child processes with a time limit on a file already
 * received and hashed: they add facts to the item, never decide whether it was
 * received. A video ffprobe cannot read is flagged (`unreadable`), not lost.
 */
import { execFile } from "node:child_process";
import fsp from "node:fs/promises";
import { promisify } from "node:util";
import type { ProbeResult } from "./media-facts";

const run = promisify(execFile);

interface FfprobeJson {
  format?: { format_name?: string; duration?: string; tags?: Record<string, string> };
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number; duration?: string; tags?: Record<string, string> }[];
}

const PROBE_TIMEOUT_MS = 30_000;
const POSTER_TIMEOUT_MS = 60_000;

function finite(value: string | number | undefined): number | null {
  const n = typeof value === "number" ? value : value === undefined ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** A creation_time tag as ISO 8601, or null (recorders also write "0000-00-00" or the Unix epoch when their clock was never set). */
function creationTime(tags: Record<string, string> | undefined): string | null {
  const raw = tags?.creation_time ?? tags?.["com.apple.quicktime.creationdate"];
  if (!raw) return null;
  const at = new Date(raw);
  if (Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1990) return null;
  return at.toISOString();
}

function firstLine(text: string): string {
  return (text.split("\n").find((l) => l.trim()) ?? "").trim().slice(0, 300);
}

/** Reads the container and the first video stream; a file with no video stream is unreadable as video. */
export async function probeVideo(file: string): Promise<ProbeResult> {
  let parsed: FfprobeJson;
  try {
    const { stdout } = await run("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", file], {
      timeout: PROBE_TIMEOUT_MS,
      maxBuffer: 4 * 1024 * 1024,
    });
    parsed = JSON.parse(stdout) as FfprobeJson;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string; killed?: boolean };
    if (e.code === "ENOENT") throw err;
    return { kind: "unreadable", error: e.killed ? "ffprobe timed out" : firstLine(e.stderr ?? "") || "ffprobe could not read the file" };
  }
  const video = parsed.streams?.find((s) => s.codec_type === "video");
  if (!video) return { kind: "unreadable", error: "no video stream found" };
  return {
    kind: "video",
    durationS: finite(parsed.format?.duration) ?? finite(video.duration),
    recordedAt: creationTime(parsed.format?.tags) ?? creationTime(video.tags),
    codec: video.codec_name ?? null,
    width: finite(video.width),
    height: finite(video.height),
    container: parsed.format?.format_name ?? null,
  };
}

/**
 * One frame as a JPEG at most 640 px wide: a second in (or the middle of a
 * shorter clip; recorders often start on a black frame). Written beside the
 * file under a temporary name and renamed, so a poster is whole or absent.
 */
export async function extractPoster(file: string, out: string, durationS: number | null): Promise<boolean> {
  const at = durationS === null ? 0 : Math.min(1, durationS / 2);
  const tmp = `${out}.tmp.jpg`;
  try {
    await run(
      "ffmpeg",
      ["-nostdin", "-v", "error", "-y", "-ss", at.toFixed(3), "-i", file, "-frames:v", "1", "-vf", "scale='min(640,iw)':-2", "-q:v", "4", "-f", "image2", tmp],
      { timeout: POSTER_TIMEOUT_MS, maxBuffer: 1024 * 1024 },
    );
    const { size } = await fsp.stat(tmp);
    if (size === 0) throw new Error("empty poster");
    await fsp.rename(tmp, out);
    return true;
  } catch {
    await fsp.rm(tmp, { force: true });
    return false;
  }
}
