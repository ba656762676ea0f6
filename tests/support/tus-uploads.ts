/**
 * tus requests against the app's /api/uploads route handlers in-process, as
 * tus-js-client sends them: creation with Upload-Metadata, PATCH at an offset,
 * HEAD for the offset. Owner uploads carry the link's token in
 * X-Footage-Token; staff uploads (collected in person) carry a bearer token.
 */
import crypto from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { NextRequest } from "next/server";
import { HEAD as tusHead, PATCH as tusPatch, POST as tusPost } from "@/app/api/uploads/[[...path]]/route";

export function metadataHeader(meta: Record<string, string>): string {
  return Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString("base64")}`)
    .join(",");
}

export async function createUpload(meta: Record<string, string>, length: number | null, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { "tus-resumable": "1.0.0", "upload-metadata": metadataHeader(meta), "user-agent": "owner-phone", ...extra };
  if (length !== null) headers["upload-length"] = String(length);
  const res = await tusPost(new NextRequest("http://localhost/api/uploads", { method: "POST", headers }));
  const location = res.headers.get("location");
  return { status: res.status, id: location?.split("/").pop() ?? null, location, text: await res.text() };
}

/** `token`: the owner's link token; `{ authorization }`: a staff upload. */
export function patch(id: string, offset: number, body: Uint8Array | ReadableStream<Uint8Array>, token: string | null | { authorization: string }) {
  const headers: Record<string, string> = { "tus-resumable": "1.0.0", "upload-offset": String(offset), "content-type": "application/offset+octet-stream", "user-agent": "owner-phone" };
  if (typeof token === "string") headers["x-footage-token"] = token;
  else if (token) headers.authorization = token.authorization;
  return tusPatch(new NextRequest(`http://localhost/api/uploads/${id}`, { method: "PATCH", headers, body, duplex: "half" } as unknown as ConstructorParameters<typeof NextRequest>[1]));
}

export function head(id: string, token: string | null) {
  const headers: Record<string, string> = { "tus-resumable": "1.0.0" };
  if (token) headers["x-footage-token"] = token;
  return tusHead(new NextRequest(`http://localhost/api/uploads/${id}`, { method: "HEAD", headers }));
}

export const sha256 = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

/** A real MP4 header (ftyp box) followed by noise: file-type calls it video/mp4, ffprobe cannot read it. */
export function fakeMp4(size: number): Buffer {
  const b = crypto.randomBytes(size);
  Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0, 0x69, 0x73, 0x6f, 0x6d, 0x69, 0x73, 0x6f, 0x32]).copy(b, 0);
  return b;
}

/**
 * Why the tests that make or read real video skip on this machine, or null when
 * Debian's ffmpeg and ffprobe are both installed (.ci/run installs them; a bare
 * machine with only Node has neither, and `npm test` must still pass there).
 */
export const ffmpegMissing: string | null = (() => {
  for (const binary of ["ffmpeg", "ffprobe"]) {
    const probe = spawnSync(binary, ["-version"], { stdio: "ignore" });
    if (probe.error || probe.status !== 0) return `${binary} is not installed (apt-get install ffmpeg)`;
  }
  return null;
})();

/** The test name with the skip reason appended when ffmpeg is missing, so the report says why. */
export const needsFfmpeg = (name: string) => (ffmpegMissing ? `${name} (skipped: ${ffmpegMissing})` : name);

/** A real, small H.264 MP4 made by ffmpeg (Debian's), with the recorder's start time in its creation_time tag. */
export function realMp4(file: string, opts: { seconds: number; size: string; creationTime?: string }): Buffer {
  const args = ["-loglevel", "error", "-y", "-f", "lavfi", "-i", `testsrc2=size=${opts.size}:rate=10:duration=${opts.seconds}`];
  if (opts.creationTime) args.push("-metadata", `creation_time=${opts.creationTime}`);
  args.push("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", file);
  execFileSync("ffmpeg", args, { stdio: ["ignore", "ignore", "pipe"] });
  return fs.readFileSync(file);
}
