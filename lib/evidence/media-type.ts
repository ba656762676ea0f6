/**
 * Whether a file is what it claims to be. The claim is the uploaded name's
 * extension and the declared type; the truth is the content's magic bytes
 * (file-type). Families are compared, not exact types: a recorder's ".mp4"
 * that is really QuickTime is still video; a ".mp4" that is text is not.
 */
export type MediaFamily = "video" | "image" | "archive" | "executable" | "document" | "text" | "other";

const EXTENSION_FAMILY: Record<string, MediaFamily> = {
  mp4: "video", m4v: "video", mov: "video", avi: "video", mkv: "video", webm: "video", ts: "video", mts: "video", "3gp": "video", wmv: "video", flv: "video",
  jpg: "image", jpeg: "image", png: "image", gif: "image", bmp: "image", webp: "image", heic: "image", tif: "image", tiff: "image",
  zip: "archive", "7z": "archive", rar: "archive", gz: "archive", tar: "archive",
  exe: "executable", msi: "executable",
  pdf: "document",
  txt: "text", csv: "text", log: "text",
};

export function familyOfMime(mime: string | null | undefined): MediaFamily | null {
  if (!mime) return null;
  const m = mime.toLowerCase();
  if (m.startsWith("video/")) return "video";
  if (m.startsWith("image/")) return "image";
  if (m.startsWith("text/")) return "text";
  if (/zip|x-7z|x-rar|gzip|x-tar/.test(m)) return "archive";
  if (/x-msdownload|x-dosexec|vnd\.microsoft\.portable-executable|x-msi/.test(m)) return "executable";
  if (m === "application/pdf") return "document";
  if (m === "application/octet-stream") return null;
  return "other";
}

export function familyOfName(name: string): MediaFamily | null {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase();
  return ext ? (EXTENSION_FAMILY[ext] ?? null) : null;
}

/**
 * True when the content contradicts the claim. Unrecognised content (plain
 * text, proprietary recorder formats) contradicts a claim of a format that
 * always has magic bytes (video containers, images, archives, programs).
 */
export function typeMismatch(originalName: string, declaredType: string | null, detectedMime: string | null): boolean {
  const claimed = familyOfName(originalName) ?? familyOfMime(declaredType);
  if (!claimed || claimed === "other") return false;
  const detected = familyOfMime(detectedMime);
  if (detected === null) return claimed !== "text";
  return detected !== claimed;
}

/** The uploaded name as data: no directories, no control characters, bounded. */
export function cleanOriginalName(raw: string | null | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "").replace(/^\.+/, "").trim().slice(0, 200);
  return cleaned || "unnamed";
}
