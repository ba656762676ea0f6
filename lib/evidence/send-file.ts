import "server-only";
import { Readable } from "node:stream";
import type { EvidenceItem } from "@/db/schema";
import type { EvidenceStore } from "./storage";

/** RFC 6266 filename: an ASCII fallback plus the UTF-8 original, both as data. */
export function contentDisposition(kind: "attachment" | "inline", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The whole file as a download, with its recorded hash in the headers. */
export function attachmentResponse(store: EvidenceStore, item: EvidenceItem): Response {
  const body = Readable.toWeb(store.read(item.id)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(item.sizeBytes),
      "content-disposition": contentDisposition("attachment", item.originalName),
      "x-evidence-sha256": item.sha256 ?? "",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** Inline playback with byte ranges (video elements seek with them). */
export function playbackResponse(store: EvidenceStore, item: EvidenceItem, rangeHeader: string | null): Response {
  const size = item.sizeBytes;
  const type = item.detectedType ?? "application/octet-stream";
  const common = { "content-type": type, "accept-ranges": "bytes", "cache-control": "no-store", "x-content-type-options": "nosniff" };
  const match = rangeHeader ? /^bytes=(\d*)-(\d*)$/.exec(rangeHeader.trim()) : null;
  if (!match) {
    return new Response(Readable.toWeb(store.read(item.id)) as ReadableStream<Uint8Array>, { headers: { ...common, "content-length": String(size) } });
  }
  let start = match[1] === "" ? size - Number(match[2]) : Number(match[1]);
  let end = match[1] === "" || match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (match[1] === "") start = Math.max(0, start);
  if (!Number.isFinite(start) || start >= size || end < start) {
    return new Response(null, { status: 416, headers: { ...common, "content-range": `bytes */${size}` } });
  }
  end = Math.min(end, size - 1);
  return new Response(Readable.toWeb(store.read(item.id, { start, end })) as ReadableStream<Uint8Array>, {
    status: 206,
    headers: { ...common, "content-length": String(end - start + 1), "content-range": `bytes ${start}-${end}/${size}` },
  });
}

/** Where a Range request starts (0 without one). */
export function rangeStart(rangeHeader: string | null): number {
  const m = rangeHeader ? /^bytes=(\d*)-/.exec(rangeHeader.trim()) : null;
  return m && m[1] !== "" ? Number(m[1]) : 0;
}
