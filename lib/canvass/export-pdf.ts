/**
 * The printable canvass sheet, made server-side with pdfkit, for a clipboard
 * (US Letter, portrait): page 1 is the incident (case, address, time to the
 * second, area) over a map with the street names, the incident's address and
 * the numbered stops; then one block per stop, in walk order and never split
 * across pages: who to ask (contacts and the registrant's own notes), what
 * they have (the cameras, footage deadline and playback as the search found
 * them, and what the owner changed since), and the door: every outcome with the
 * current one ticked, the clock offset and the recorder time to look for (to
 * the second), the assignee and the notes so far. The values come from the
 * export row model (export-row.ts), like the CSV and GeoJSON.
 */
import PDFDocument from "pdfkit";
import { CANVASS_OUTCOMES, describeCamera, incidentLabel, OUTCOME_LABELS, relevantCameras, type CanvassRow, type CanvassSheet } from "./canvass-types";
import { formatAgencyDate, formatAgencyTime } from "@/lib/time/agency-time";
import { recorderWindow, toExportRow, type CanvassExportRow } from "./export-row";
import { drawCanvassMap } from "./pdf-map";
import { PDF_FONT, PDF_FONT_BOLD, registerPdfFonts, toPdfText } from "./pdf-fonts";

export { toPdfText };

const MARGIN = 36;
const PAGE: [number, number] = [612, 792]; // US Letter, portrait
const CONTENT_WIDTH = PAGE[0] - 2 * MARGIN;
const BOTTOM = PAGE[1] - MARGIN - 14; // room for the page footer
const INK = "#0f172a";
const MUTED = "#475569";
const ALERT = "#b91c1c";
const RULE = "#94a3b8";
/** The smallest a line is shrunk to fit; nobody reads smaller on a doorstep. */
const MIN_FIT_PT = 6.5;
/** An e-mail address that would shrink below this is split before its @ instead (each half then fitted). */
const SPLIT_EMAIL_BELOW_PT = 7.5;
/** Long notes are cut on paper (the CSV and the page have them whole). */
const MAX_NOTE_CHARS = 500;
const CHECKED = "\u2611";
const UNCHECKED = "\u2610";

/** One piece of a stop's block: text that wraps at words, a line shrunk to fit (never broken), or the outcome boxes. */
type Item =
  | { kind: "text"; text: string; size?: number; bold?: boolean; color?: string; gap?: number }
  | { kind: "fit"; text: string; size?: number; bold?: boolean; color?: string; gap?: number }
  | { kind: "checks"; checks: { label: string; checked: boolean }[]; gap?: number }
  | { kind: "box"; label: string; value: string; gap?: number };

const BASE_PT = 8.5;
const LINE = 1.25;

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

export async function canvassToPdf(sheet: CanvassSheet): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "LETTER",
    layout: "portrait",
    margin: MARGIN,
    bufferPages: true,
    info: { Title: toPdfText(`Canvass sheet: ${incidentLabel(sheet.incident, sheet.timeZone)}`), Author: toPdfText(sheet.agencyName), Creator: "Sightline" },
  });
  registerPdfFonts(doc);
  doc.font(PDF_FONT);
  const done = collect(doc);
  drawHeader(doc, sheet);
  const mapTop = doc.y + 8;
  drawCanvassMap(doc, sheet, { x: MARGIN, y: mapTop, width: CONTENT_WIDTH, height: BOTTOM - mapTop });
  doc.addPage();
  drawStops(doc, sheet);
  drawFooters(doc, sheet);
  doc.end();
  return done;
}

/** "Fri, Nov 20, 2026, 21:43:12 CST to 21:58:12 CST", the day written once when both ends share it; to the second. */
export function timeRange(from: Date, to: Date, timeZone: string): string {
  const start = formatAgencyTime(from, timeZone, "en-US", { seconds: true });
  if (to.getTime() === from.getTime()) return start;
  const sameDay = formatAgencyDate(from, timeZone) === formatAgencyDate(to, timeZone);
  return `${start} to ${formatAgencyTime(to, timeZone, "en-US", { seconds: true, timeOnly: sameDay })}`;
}

function incidentWhen(sheet: CanvassSheet): string {
  return timeRange(sheet.incident.occurredFrom, sheet.incident.occurredTo, sheet.timeZone);
}

function drawHeader(doc: PDFKit.PDFDocument, sheet: CanvassSheet) {
  const { incident, timeZone } = sheet;
  doc.fillColor(MUTED).font(PDF_FONT).fontSize(9).text(toPdfText(`${sheet.agencyName} · video canvass sheet · official use only`));
  doc.fillColor(INK).font(PDF_FONT_BOLD).fontSize(16).text(toPdfText(incidentLabel(incident, timeZone)));
  const area = incident.radiusM !== null ? `radius ${Math.round(incident.radiusM)} m` : incident.widthM !== null ? `route corridor ${Math.round(incident.widthM)} m` : "";
  const facts: [string, string][] = [
    ["Case", [incident.caseNumber ?? "(no case number)", incident.offense].filter(Boolean).join(" · ")],
    ["Address", incident.address ?? "(none given; see the X on the map)"],
    ["Time", incidentWhen(sheet)],
    ["Area", [area, `${sheet.rows.length} stops`, assigneeSummary(sheet.rows)].filter(Boolean).join(" · ")],
  ];
  if (incident.description) facts.push(["About", incident.description.slice(0, MAX_NOTE_CHARS)]);
  doc.moveDown(0.2);
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.fillColor(MUTED).font(PDF_FONT_BOLD).fontSize(10).text(label, MARGIN, y, { width: 60, lineBreak: false });
    doc.fillColor(INK).font(PDF_FONT).fontSize(10).text(toPdfText(value), MARGIN + 62, y, { width: CONTENT_WIDTH - 62 });
  }
  doc
    .fillColor(MUTED)
    .fontSize(8)
    .text(toPdfText(`Printed ${formatAgencyTime(sheet.generatedAt, timeZone)}: outcomes ticked are as of then. Stops are numbered in walk order.`), MARGIN, doc.y + 2);
}

function assigneeSummary(rows: CanvassRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.assignedToName ?? "unassigned", (counts.get(r.assignedToName ?? "unassigned") ?? 0) + 1);
  if (counts.size === 0) return "";
  return `assigned: ${[...counts.entries()].map(([who, n]) => `${who} (${n})`).join(", ")}`;
}

// ---- The stop blocks ----------------------------------------------------

const COLUMNS = [
  { title: "Who to ask", width: 178 },
  { title: "What they have (as found at the save)", width: 166 },
  { title: "At the door", width: CONTENT_WIDTH - 178 - 166 },
];
const PAD = 6;
const BAR_HEIGHT = 22;

const cut = (s: string) => (s.length > MAX_NOTE_CHARS ? `${s.slice(0, MAX_NOTE_CHARS - 1)}…` : s);

function contactItems(e: CanvassExportRow): Item[] {
  const items: Item[] = [];
  const owner = [e.owner_name, e.business_name].filter(Boolean).join(", ");
  if (owner) items.push({ kind: "text", text: owner, bold: true, size: 10 });
  if (e.owner_phone) items.push({ kind: "fit", text: e.owner_phone, size: 10 });
  if (e.owner_email) items.push({ kind: "fit", text: e.owner_email });
  if (e.owner_language && e.owner_language !== "English") items.push({ kind: "text", text: `Speaks ${e.owner_language}` });
  if (e.alternate_name || e.alternate_phone || e.alternate_email) {
    items.push({ kind: "text", text: `Alternate: ${e.alternate_name ?? "(no name)"}`, bold: true, gap: 4 });
    if (e.alternate_phone) items.push({ kind: "fit", text: e.alternate_phone });
    if (e.alternate_email) items.push({ kind: "fit", text: e.alternate_email });
  }
  if (!owner && !e.owner_phone && !e.owner_email) items.push({ kind: "text", text: "(contacts erased)", color: MUTED });
  if (e.registrant_notes) {
    items.push({ kind: "text", text: "The registrant's note:", bold: true, gap: 4 });
    items.push({ kind: "text", text: cut(e.registrant_notes) });
  }
  return items;
}

function siteItems(e: CanvassExportRow, row: CanvassRow, sheet: CanvassSheet): Item[] {
  const items: Item[] = [];
  items.push({ kind: "text", text: `${e.distance_m === null ? "No map pin" : `${e.distance_m} m from the incident`}; ${e.block_face}`, size: 7.5, color: MUTED });
  const cameras = relevantCameras(row).map(describeCamera);
  items.push({ kind: "text", text: cameras.length ? cameras.join("\n") : `None of ${e.cameras_all} camera(s) on the street or the spot`, gap: 3 });
  const deadline =
    e.deadline_status === "unknown"
      ? "Footage deadline unknown (retention not given)"
      : e.deadline_status === "likely_overwritten"
        ? `PASSED: likely overwritten since ${e.footage_deadline_local}`
        : `${e.deadline_status === "urgent" ? "URGENT: " : ""}Footage kept until ${e.footage_deadline_local}`;
  items.push({ kind: "text", text: deadline, bold: e.deadline_status !== "available", color: e.deadline_status === "likely_overwritten" || e.deadline_status === "urgent" ? ALERT : INK, gap: 4 });
  items.push({ kind: "text", text: `Playback: ${e.playback_label}` });
  items.push({ kind: "text", text: `Records: ${e.recording_mode_label.toLowerCase()}` });
  if (row.updatedSince) {
    items.push({ kind: "text", text: `Owner changed since (${formatAgencyTime(row.updatedSince.at, sheet.timeZone)}):`, bold: true, color: ALERT, gap: 4 });
    for (const c of row.updatedSince.changes) items.push({ kind: "text", text: `${c.label}: ${c.before} → ${c.after}`, color: ALERT });
  }
  return items;
}

function doorItems(e: CanvassExportRow, row: CanvassRow, sheet: CanvassSheet): Item[] {
  const items: Item[] = [];
  items.push({ kind: "text", text: `Outcome (${CHECKED} = as printed)`, bold: true });
  items.push({ kind: "checks", checks: CANVASS_OUTCOMES.map((o) => ({ label: OUTCOME_LABELS[o], checked: o === e.outcome })) });
  items.push({ kind: "box", label: "Clock offset", value: e.clock_offset ?? "", gap: 5 });
  const recorder = recorderWindow(row, sheet);
  if (recorder) {
    items.push({ kind: "text", text: `On the recorder look at ${timeRange(recorder.from, recorder.to, sheet.timeZone)}`, bold: true });
  } else {
    items.push({ kind: "text", text: "Offset = recorder clock minus true time, e.g. \u201C3\u00a0min\u00a012\u00a0s\u00a0ahead\u201D", size: 7, color: MUTED });
  }
  items.push({ kind: "text", text: `Assigned to: ${e.assigned_to ?? "unassigned"}`, bold: true, gap: 4 });
  if (e.contact_attempts > 0) {
    const last = row.attempts.at(-1)!;
    items.push({ kind: "text", text: `Tried ${e.contact_attempts}×, last ${formatAgencyTime(last.at, sheet.timeZone)} (${last.method}${last.byName ? `, ${last.byName}` : ""})` });
  }
  if (e.notes) items.push({ kind: "text", text: `Notes: ${cut(e.notes)}` });
  if (e.footage_notes) items.push({ kind: "text", text: `Footage: ${cut(e.footage_notes)}` });
  items.push({ kind: "text", text: "Initials ________   Date/time ______________", gap: 8 });
  return items;
}

/**
 * A line that must not wrap (a phone number, an e-mail address): shrunk to
 * fit; an e-mail address that would shrink below SPLIT_EMAIL_BELOW_PT is
 * written over several lines broken only before its "@" or a ".", whole
 * tokens packed greedily, each line then shrunk if it must: never inside a word.
 */
function expandFits(doc: PDFKit.PDFDocument, items: Item[], width: number): Item[] {
  return items.flatMap((item): Item[] => {
    if (item.kind !== "fit") return [item];
    doc.font(item.bold ? PDF_FONT_BOLD : PDF_FONT);
    const text = toPdfText(item.text);
    const size = item.size ?? BASE_PT;
    if (!text.includes("@") || fitSize(doc, text, size, width) >= SPLIT_EMAIL_BELOW_PT) return [item];
    const tokens = text.split(/(?=[@.])/);
    const lines: string[] = [];
    for (const token of tokens) {
      const last = lines.at(-1);
      if (last !== undefined && doc.fontSize(size).widthOfString(last + token) <= width) lines[lines.length - 1] = last + token;
      else lines.push(token);
    }
    return lines.map((line, i) => ({ ...item, text: line, gap: i === 0 ? item.gap : 0 }));
  });
}

function fitSize(doc: PDFKit.PDFDocument, text: string, size: number, width: number): number {
  doc.fontSize(size);
  const w = doc.widthOfString(text);
  return w <= width ? size : Math.max(MIN_FIT_PT, Math.floor(((size * width) / w) * 10) / 10);
}

const CHECK_PT = 9;

/** Lays the items out from y, or only measures them when `draw` is false; returns the height used. */
function layout(doc: PDFKit.PDFDocument, items: Item[], x: number, y: number, width: number, draw: boolean): number {
  let cursor = y;
  for (const item of items) {
    cursor += item.gap ?? 1;
    if (item.kind === "checks") {
      const half = width / 2;
      const rowHeight = CHECK_PT * 1.45;
      item.checks.forEach((c, i) => {
        const cx = x + (i % 2) * half;
        const cy = cursor + Math.floor(i / 2) * rowHeight;
        if (!draw) return;
        const text = `${c.checked ? CHECKED : UNCHECKED} ${c.label}`;
        doc.font(c.checked ? PDF_FONT_BOLD : PDF_FONT);
        const size = fitSize(doc, text, CHECK_PT, half - 2);
        // The current outcome stands out in grey print too.
        if (c.checked && c.label !== OUTCOME_LABELS.not_contacted) doc.rect(cx - 2, cy - 2, doc.fontSize(size).widthOfString(text) + 4, rowHeight - 1).fill("#fde68a");
        doc.fillColor(INK).fontSize(size).text(text, cx, cy, { lineBreak: false });
      });
      cursor += Math.ceil(item.checks.length / 2) * rowHeight;
      continue;
    }
    if (item.kind === "box") {
      const height = 18;
      if (draw) {
        doc.fillColor(INK).font(PDF_FONT_BOLD).fontSize(BASE_PT).text(item.label, x, cursor + 5, { lineBreak: false });
        const bx = x + 62;
        doc.lineWidth(0.8).strokeColor(INK).rect(bx, cursor, width - 62, height).stroke();
        if (item.value) doc.font(PDF_FONT).fontSize(9).text(toPdfText(item.value), bx + 4, cursor + 5, { width: width - 70, lineBreak: false });
      }
      cursor += height + 2;
      continue;
    }
    const size = item.size ?? BASE_PT;
    doc.font(item.bold ? PDF_FONT_BOLD : PDF_FONT);
    const text = toPdfText(item.text);
    if (item.kind === "fit") {
      const fitted = fitSize(doc, text, size, width);
      if (draw) doc.fillColor(item.color ?? INK).fontSize(fitted).text(text, x, cursor, { lineBreak: false });
      cursor += fitted * LINE;
      continue;
    }
    doc.fontSize(size);
    const height = doc.heightOfString(text, { width, lineGap: 0.5 });
    if (draw) doc.fillColor(item.color ?? INK).text(text, x, cursor, { width, lineGap: 0.5 });
    cursor += height;
  }
  return cursor - y;
}

function stopHeading(doc: PDFKit.PDFDocument, sheet: CanvassSheet, continued: boolean) {
  doc
    .fillColor(INK)
    .font(PDF_FONT_BOLD)
    .fontSize(11)
    .text(toPdfText(`${continued ? "Stops in walk order (continued)" : "Stops in walk order"}: ${incidentLabel(sheet.incident, sheet.timeZone)}`), MARGIN, MARGIN, {
      width: CONTENT_WIDTH,
    });
  doc.y += 4;
}

function drawStops(doc: PDFKit.PDFDocument, sheet: CanvassSheet) {
  stopHeading(doc, sheet, false);
  for (const row of sheet.rows) {
    const e = toExportRow(row, sheet);
    const columns = [contactItems(e), siteItems(e, row, sheet), doorItems(e, row, sheet)].map((items, i) => expandFits(doc, items, COLUMNS[i].width - 2 * PAD));
    const bodyHeight = Math.max(...columns.map((items, i) => layout(doc, items, 0, 0, COLUMNS[i].width - 2 * PAD, false))) + 2 * PAD;
    const height = BAR_HEIGHT + bodyHeight;
    if (doc.y + height > BOTTOM) {
      doc.addPage();
      stopHeading(doc, sheet, true);
    }
    const top = doc.y;
    drawStopBar(doc, e, top);
    let x = MARGIN;
    for (const [i, items] of columns.entries()) {
      if (i > 0) doc.lineWidth(0.5).strokeColor(RULE).moveTo(x, top + BAR_HEIGHT).lineTo(x, top + height).stroke();
      layout(doc, items, x + PAD, top + BAR_HEIGHT + PAD, COLUMNS[i].width - 2 * PAD, true);
      x += COLUMNS[i].width;
    }
    doc.lineWidth(1).strokeColor(INK).rect(MARGIN, top, CONTENT_WIDTH, height).stroke();
    doc.y = top + height + 8;
  }
}

function drawStopBar(doc: PDFKit.PDFDocument, e: CanvassExportRow, top: number) {
  doc.rect(MARGIN, top, CONTENT_WIDTH, BAR_HEIGHT).fill("#e2e8f0");
  const stop = `Stop ${e.stop ?? "?"}`;
  doc.fillColor(INK).font(PDF_FONT_BOLD).fontSize(12);
  const stopWidth = doc.widthOfString(stop);
  doc.text(stop, MARGIN + PAD, top + 5, { lineBreak: false });
  const addressX = MARGIN + PAD + stopWidth + 12;
  const addressWidth = CONTENT_WIDTH - PAD - stopWidth - 12 - PAD;
  const address = toPdfText(`${e.address}, ${e.city}`);
  const addressSize = fitSize(doc, address, 12, addressWidth);
  if (doc.fontSize(addressSize).widthOfString(address) <= addressWidth) {
    doc.text(address, addressX, top + 5 + (12 - addressSize) / 2, { lineBreak: false });
  } else {
    // An address too long for one line even small wraps at words inside the bar.
    doc.fontSize(MIN_FIT_PT).text(address, addressX, top + 2, { width: addressWidth, height: BAR_HEIGHT - 2 });
  }
}

function drawFooters(doc: PDFKit.PDFDocument, sheet: CanvassSheet) {
  const range = doc.bufferedPageRange();
  const label = toPdfText(`${sheet.incident.caseNumber ?? incidentLabel(sheet.incident, sheet.timeZone)} · canvass sheet · official use only`);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit add a page: lift the margin for the footer.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fillColor(MUTED).font(PDF_FONT).fontSize(7.5);
    doc.text(label, MARGIN, PAGE[1] - MARGIN + 2, { lineBreak: false });
    const page = `Page ${i - range.start + 1} of ${range.count}`;
    doc.text(page, PAGE[0] - MARGIN - doc.widthOfString(page), PAGE[1] - MARGIN + 2, { lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
}
