import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { inArray } from "drizzle-orm";
import PDFDocument from "pdfkit";
import yazl from "yazl";
import type { Db } from "@/db/client";
import { footageRequests } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { incidentLabel } from "@/lib/canvass/canvass-types";
import { loadIncident } from "@/lib/canvass/load-canvass";
import { PDF_FONT, PDF_FONT_BOLD, registerPdfFonts, toPdfText } from "@/lib/canvass/pdf-fonts";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { AppError, validationError } from "@/lib/http/errors";
import { recordCustody } from "./custody";
import { describeMedia, storedMedia } from "./media-facts";
import { hashStored, listIncidentEvidence, type EvidenceListing } from "./evidence-items";
import type { EvidenceStore } from "./storage";
import { awaitsScan, describeScan, scanEvidenceItem, type VirusScanner } from "./virus-scan";

/** A spreadsheet must not run a cell as a formula (an uploaded name is the owner's text). */
function cell(value: unknown): string {
  const text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function zipName(listing: EvidenceListing): string {
  return `files/${listing.item.id}-${listing.item.originalName.replace(/[^\w.\- ()]+/g, "_")}`;
}

export interface PackageManifest {
  incidentLabel: string;
  caseNumber: string | null;
  generatedAt: Date;
  generatedBy: string;
  reason: string;
  timeZone: string;
  items: (EvidenceListing & { request: { windowFrom: Date; windowTo: Date; clockOffsetS: number | null; delivery: string; createdAt: Date } | null })[];
}

export function manifestCsv(m: PackageManifest): string {
  const rows: unknown[][] = [["file_in_package", "item_id", "original_name", "size_bytes", "sha256", "detected_type", "type_mismatch", "source", "stop_address", "received_at", "request_window_from", "request_window_to", "recorder_clock_offset_s", "video_duration_s", "video_recorded_at", "video_codec", "video_resolution", "video_unreadable", "virus_scan", "event", "event_at", "event_by", "event_reason", "event_sha256", "event_ip"]];
  for (const listing of m.items) {
    const { item, request } = listing;
    const media = storedMedia(item.media);
    const video = media?.kind === "video" ? media : null;
    const base = [
      ...[zipName(listing), item.id, item.originalName, item.sizeBytes, item.sha256, item.detectedType, item.typeMismatch, item.source, listing.address, item.receivedAt],
      ...[request?.windowFrom, request?.windowTo, request?.clockOffsetS],
      ...[video?.durationS, video?.recordedAt, video?.codec, video?.width && video.height ? `${video.width}x${video.height}` : null, media?.kind === "unreadable" ? media.error : null, describeScan(item)],
    ];
    for (const e of listing.custody) rows.push([...base, e.event, e.at, e.actorLabel, e.reason, e.sha256, e.ip]);
  }
  return stringify(rows.map((r) => r.map(cell)));
}

export function manifestPdf(m: PackageManifest): Promise<Buffer> {
  const doc = new PDFDocument({ size: "LETTER", margin: 40, info: { Title: toPdfText(`Evidence manifest: ${m.incidentLabel}`), Creator: "Sightline" } });
  registerPdfFonts(doc);
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const t = (s: string) => toPdfText(s);
  doc.font(PDF_FONT_BOLD).fontSize(14).text(t(`Evidence manifest: ${m.incidentLabel}`));
  doc.font(PDF_FONT).fontSize(9).text(t(`Case ${m.caseNumber ?? "(none)"} · generated ${formatAgencyTime(m.generatedAt, m.timeZone)} by ${m.generatedBy} · reason: ${m.reason}`));
  doc.text(t(`${m.items.length} item(s). Each file's SHA-256 was re-computed from storage when this package was made and matched the hash recorded on receipt.`));
  for (const listing of m.items) {
    const { item, request } = listing;
    doc.moveDown(0.8);
    doc.font(PDF_FONT_BOLD).fontSize(10).text(t(`${item.originalName}  (${listing.address ?? "no stop"})`));
    doc.font(PDF_FONT).fontSize(8);
    doc.text(t(`In package: ${zipName(listing)}`));
    doc.text(t(`SHA-256 ${item.sha256}`));
    doc.text(t(`${item.sizeBytes} bytes · ${item.detectedType ?? "unrecognised content"}${item.typeMismatch ? " · CONTENT DOES NOT MATCH ITS NAME" : ""} · ${item.source === "in_person" ? "collected in person" : "uploaded by the owner"} · received ${formatAgencyTime(item.receivedAt, m.timeZone)}`));
    const media = describeMedia(storedMedia(item.media), m.timeZone);
    if (media) doc.text(t(`Video: ${media}`));
    doc.text(t(`${describeScan(item).replace(/^./, (c) => c.toUpperCase())}`));
    if (request) {
      doc.text(t(`Requested by ${request.delivery} on ${formatAgencyTime(request.createdAt, m.timeZone)} for ${formatAgencyTime(request.windowFrom, m.timeZone)} – ${formatAgencyTime(request.windowTo, m.timeZone)}${request.clockOffsetS ? ` (recorder clock offset ${request.clockOffsetS} s)` : ""}`));
    }
    for (const e of listing.custody) {
      doc.text(t(`  ${formatAgencyTime(e.at, m.timeZone)}  ${e.event.replaceAll("_", " ")}  ${e.actorLabel}${e.reason ? ` — ${e.reason}` : ""}${e.ip ? ` · ${e.ip}` : ""}`));
    }
  }
  doc.end();
  return done;
}

export interface PackageResult {
  file: string;
  sha256: string;
  bytes: number;
  fileName: string;
}

/**
 * The prosecutor's package: every received file of the incident, never a
 * quarantined one (each re-hashed
 * and checked first: one mismatch refuses the whole package), a manifest in CSV
 * and PDF (items, hashes, custody events, the request and its window). The ZIP
 * is hashed as it is written; an "exported" custody event per item and an audit
 * entry record the package's hash.
 */
export async function buildEvidencePackage(
  db: Db,
  store: EvidenceStore,
  actor: AuditActor,
  incidentId: string,
  options: { reason: string | null; workDir: string; timeZone: string; scanner?: VirusScanner | null },
): Promise<PackageResult> {
  const reason = options.reason?.trim() ?? "";
  if (reason.length < 3) throw validationError({ reason: "say why the package is made (at least 3 characters)" });
  const incident = await loadIncident(db, incidentId);
  if (!incident) throw new AppError("not_found", "incident not found");
  // Items still waiting for a virus verdict are scanned first; what is quarantined stays out of the package.
  if (options.scanner) {
    for (const l of await listIncidentEvidence(db, incidentId)) if (awaitsScan(l.item)) await scanEvidenceItem(db, store, options.scanner, l.item.id, actor);
  }
  const listings = (await listIncidentEvidence(db, incidentId)).filter((l) => l.item.status === "received");
  if (listings.length === 0) throw new AppError("conflict", "no evidence has been received for this incident");
  for (const l of listings) {
    const actual = await hashStored(store, l.item.id).catch(() => null);
    if (actual !== l.item.sha256) {
      await db.transaction(async (tx) => {
        await recordCustody(tx, actor, { itemId: l.item.id, event: "download_refused", reason: `package: ${reason}`, sha256: actual, details: { expected: l.item.sha256, found: actual ?? "missing" } });
        await recordAudit(tx, actor, { action: "evidence.integrity_alert", targetType: "evidence_item", targetId: l.item.id, details: { incidentId, expected: l.item.sha256, found: actual ?? "missing", during: "package" } });
      });
      throw new AppError("conflict", `refused: ${l.item.originalName} no longer matches the hash recorded when it was received; this has been logged`);
    }
  }
  const requestIds = [...new Set(listings.map((l) => l.item.footageRequestId).filter((v): v is string => Boolean(v)))];
  const requests = requestIds.length ? await db.select().from(footageRequests).where(inArray(footageRequests.id, requestIds)) : [];
  const byId = new Map(requests.map((r) => [r.id, r]));
  const manifest: PackageManifest = {
    incidentLabel: incidentLabel(incident, options.timeZone),
    caseNumber: incident.caseNumber,
    generatedAt: new Date(),
    generatedBy: actor.label,
    reason,
    timeZone: options.timeZone,
    items: listings.map((l) => {
      const r = l.item.footageRequestId ? byId.get(l.item.footageRequestId) : undefined;
      return { ...l, request: r ? { windowFrom: r.windowFrom, windowTo: r.windowTo, clockOffsetS: r.clockOffsetS, delivery: r.delivery, createdAt: r.createdAt } : null };
    }),
  };

  const zip = new yazl.ZipFile();
  for (const l of listings) zip.addReadStream(store.read(l.item.id), zipName(l), { compress: false, size: l.item.sizeBytes });
  zip.addBuffer(Buffer.from(manifestCsv(manifest), "utf8"), "manifest.csv");
  zip.addBuffer(await manifestPdf(manifest), "manifest.pdf");
  zip.end();
  await fsp.mkdir(options.workDir, { recursive: true });
  const file = path.join(options.workDir, `package-${crypto.randomUUID()}.zip`);
  const hash = crypto.createHash("sha256");
  let bytes = 0;
  await pipeline(
    zip.outputStream,
    new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        bytes += chunk.length;
        cb(null, chunk);
      },
    }),
    fs.createWriteStream(file),
  );
  const sha256 = hash.digest("hex");
  await db.transaction(async (tx) => {
    for (const l of listings) await recordCustody(tx, actor, { itemId: l.item.id, event: "exported", reason, sha256: l.item.sha256, details: { packageSha256: sha256, packageBytes: bytes } });
    await recordAudit(tx, actor, { action: "evidence.package_exported", targetType: "incident", targetId: incidentId, details: { items: listings.length, sha256, bytes } });
  });
  const safeCase = (incident.caseNumber ?? incident.id.slice(0, 8)).replace(/[^\w.-]+/g, "_");
  return { file, sha256, bytes, fileName: `evidence-${safeCase}.zip` };
}
