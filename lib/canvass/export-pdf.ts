/**
 * The printable canvass sheet, made server-side with pdfkit: a header (incident,
 * time in the agency's zone, case number, radius), a map drawn from the street
 * centerlines and numbered stops (map tiles may be unreachable, and paper needs
 * no tiles), then the stops in walk order with empty boxes to fill in at the door.
 */
import PDFDocument from "pdfkit";
import type { LngLat } from "@/db/ewkb";
import { formatClockOffset } from "./clock-offset";
import {
  describeCamera,
  fullAddress,
  incidentLabel,
  OUTCOME_LABELS,
  PLAYBACK_LABELS,
  relevantCameras,
  type CanvassRow,
  type CanvassSheet,
} from "./canvass-types";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { PDF_FONT, PDF_FONT_BOLD, registerPdfFonts, toPdfText } from "./pdf-fonts";

export { toPdfText };

const MARGIN = 36;
const PAGE: [number, number] = [792, 612]; // US Letter, landscape
const INK = "#0f172a";
const MUTED = "#475569";
const ALERT = "#b91c1c";

interface Column {
  title: string;
  width: number;
  text?: (row: CanvassRow, sheet: CanvassSheet) => string;
  /** An empty box to write in. */
  box?: boolean;
}

const COLUMNS: Column[] = [
  { title: "#", width: 24, text: (r) => String(r.walkOrder ?? "") },
  { title: "Address / block face", width: 124, text: (r) => `${fullAddress(r)}\n${r.blockFaceLabel}` },
  {
    title: "Contacts (owner, alternate)",
    width: 144,
    text: (r) =>
      [
        [r.owner.name, r.owner.businessName].filter(Boolean).join(", "),
        [r.owner.phone, r.owner.email].filter(Boolean).join("  "),
        r.alternate.name ? `Alt: ${[r.alternate.name, r.alternate.phone, r.alternate.email].filter(Boolean).join("  ")}` : "",
      ]
        .filter(Boolean)
        .join("\n") || "(contacts erased)",
  },
  {
    title: "Cameras on street / spot",
    width: 128,
    text: (r) => relevantCameras(r).map(describeCamera).join("\n") || `none of ${r.cameras.length}`,
  },
  {
    title: "Footage deadline",
    width: 82,
    text: (r, s) =>
      r.footageDeadline
        ? `${formatAgencyTime(r.footageDeadline, s.timeZone)}${r.deadlineStatus === "likely_overwritten" ? "\nPASSED" : r.deadlineStatus === "urgent" ? "\nwithin 48 h" : ""}`
        : "unknown retention",
  },
  { title: "Playback", width: 60, text: (r) => PLAYBACK_LABELS[r.playback] ?? r.playback },
  { title: "Outcome", width: 62, box: true },
  { title: "Clock offset", width: 52, box: true },
  { title: "Initials", width: 44, box: true },
];

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
    layout: "landscape",
    margin: MARGIN,
    info: { Title: toPdfText(`Canvass sheet: ${incidentLabel(sheet.incident, sheet.timeZone)}`), Author: toPdfText(sheet.agencyName), Creator: "Sightline" },
  });
  registerPdfFonts(doc);
  doc.font(PDF_FONT);
  const done = collect(doc);
  drawHeader(doc, sheet);
  const mapTop = doc.y + 6;
  drawMap(doc, sheet, { x: MARGIN, y: mapTop, width: PAGE[0] - 2 * MARGIN, height: PAGE[1] - MARGIN - mapTop - 14 });
  doc.addPage();
  drawTable(doc, sheet);
  doc.end();
  return done;
}

function drawHeader(doc: PDFKit.PDFDocument, sheet: CanvassSheet) {
  const { incident, timeZone } = sheet;
  doc.fillColor(MUTED).font(PDF_FONT).fontSize(9).text(toPdfText(`${sheet.agencyName} · video canvass sheet · official use only`));
  doc.fillColor(INK).font(PDF_FONT_BOLD).fontSize(16).text(toPdfText(incidentLabel(incident, sheet.timeZone)));
  const when =
    incident.occurredTo.getTime() === incident.occurredFrom.getTime()
      ? formatAgencyTime(incident.occurredFrom, timeZone)
      : `${formatAgencyTime(incident.occurredFrom, timeZone)} to ${formatAgencyTime(incident.occurredTo, timeZone)}`;
  const area = incident.radiusM !== null ? `radius ${Math.round(incident.radiusM)} m` : incident.widthM !== null ? `route corridor ${Math.round(incident.widthM)} m` : "";
  doc
    .font(PDF_FONT)
    .fontSize(10)
    .text(toPdfText([`Case ${incident.caseNumber ?? "(none)"}`, `Time ${when}`, area, `${sheet.rows.length} stops`].filter(Boolean).join("   ·   ")));
  doc.fillColor(MUTED).fontSize(8).text(toPdfText(`Generated ${formatAgencyTime(sheet.generatedAt, timeZone)}. Stops are numbered in walk order.`));
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function drawMap(doc: PDFKit.PDFDocument, sheet: CanvassSheet, box: Box) {
  const center = sheet.incident.point ?? sheet.incident.route?.[0] ?? sheet.rows.find((r) => r.location)?.location ?? null;
  doc.save().lineWidth(0.8).strokeColor("#94a3b8").rect(box.x, box.y, box.width, box.height).stroke().restore();
  if (!center) {
    doc.fillColor(MUTED).fontSize(10).text("No location to map.", box.x + 10, box.y + 10);
    return;
  }
  const kx = 111_320 * Math.cos((center[1] * Math.PI) / 180);
  const ky = 110_540;
  const toMetres = ([lng, lat]: LngLat): [number, number] => [(lng - center[0]) * kx, (lat - center[1]) * ky];
  const extent: [number, number][] = [[0, 0]];
  for (const r of sheet.rows) if (r.location) extent.push(toMetres(r.location));
  for (const p of sheet.incident.route ?? []) extent.push(toMetres(p));
  const radiusM = sheet.incident.radiusM ?? 0;
  if (radiusM) extent.push([-radiusM, -radiusM], [radiusM, radiusM]);
  const minX = Math.min(...extent.map((p) => p[0])) - 30;
  const maxX = Math.max(...extent.map((p) => p[0])) + 30;
  const minY = Math.min(...extent.map((p) => p[1])) - 30;
  const maxY = Math.max(...extent.map((p) => p[1])) + 30;
  const scale = Math.min(box.width / (maxX - minX), box.height / (maxY - minY));
  const offsetX = box.x + (box.width - (maxX - minX) * scale) / 2;
  const offsetY = box.y + (box.height - (maxY - minY) * scale) / 2;
  const toPage = (p: LngLat): [number, number] => {
    const [mx, my] = toMetres(p);
    return [offsetX + (mx - minX) * scale, offsetY + (maxY - my) * scale];
  };

  doc.save();
  doc.rect(box.x, box.y, box.width, box.height).clip();
  // Streets
  doc.lineWidth(3).strokeColor("#cbd5e1").lineCap("round");
  for (const line of sheet.centerlines) {
    line.forEach((p, i) => (i === 0 ? doc.moveTo(...toPage(p)) : doc.lineTo(...toPage(p))));
    doc.stroke();
  }
  // Search area
  const [cx, cy] = toPage(center);
  if (radiusM) doc.lineWidth(1).dash(4, { space: 3 }).strokeColor("#2563eb").circle(cx, cy, radiusM * scale).stroke().undash();
  if (sheet.incident.route && sheet.incident.route.length > 1) {
    doc.lineWidth(1.5).strokeColor("#2563eb");
    sheet.incident.route.forEach((p, i) => (i === 0 ? doc.moveTo(...toPage(p)) : doc.lineTo(...toPage(p))));
    doc.stroke();
  }
  // Walking path in stop order
  const located = sheet.rows.filter((r) => r.location);
  if (located.length) {
    doc.lineWidth(0.8).strokeColor("#64748b").dash(2, { space: 2 }).moveTo(cx, cy);
    for (const r of located) doc.lineTo(...toPage(r.location!));
    doc.stroke().undash();
  }
  // Incident
  doc.lineWidth(2).strokeColor(ALERT).moveTo(cx - 6, cy - 6).lineTo(cx + 6, cy + 6).moveTo(cx - 6, cy + 6).lineTo(cx + 6, cy - 6).stroke();
  // Numbered stops
  for (const r of located) {
    const [x, y] = toPage(r.location!);
    doc.lineWidth(1).fillColor("#ffffff").strokeColor(INK).circle(x, y, 8).fillAndStroke();
    doc.fillColor(INK).font(PDF_FONT_BOLD).fontSize(7).text(String(r.walkOrder ?? ""), x - 8, y - 3, { width: 16, align: "center", lineBreak: false });
  }
  doc.restore();
  // Scale bar: 100 m
  const barM = 100;
  const bx = box.x + 10;
  const by = box.y + box.height - 12;
  doc.lineWidth(1.5).strokeColor(INK).moveTo(bx, by).lineTo(bx + barM * scale, by).stroke();
  doc.fillColor(INK).font(PDF_FONT).fontSize(7).text(`${barM} m`, bx, by - 10, { lineBreak: false });
  doc
    .fillColor(MUTED)
    .fontSize(7)
    .text("North is up. X = incident, dashed circle = search radius, dotted line = walk order.", box.x + 10, box.y + 6, { lineBreak: false });
}

function drawTable(doc: PDFKit.PDFDocument, sheet: CanvassSheet) {
  const bottom = PAGE[1] - MARGIN;
  const padding = 3;
  const drawHeaderRow = () => {
    let x = MARGIN;
    const y = doc.y;
    // Titles may wrap in narrow columns ("Clock offset"): the row grows to fit them.
    doc.font(PDF_FONT_BOLD).fontSize(8);
    const height = Math.max(16, ...COLUMNS.map((c) => doc.heightOfString(c.title, { width: c.width - 2 * padding }) + 2 * padding));
    doc.rect(MARGIN, y, PAGE[0] - 2 * MARGIN, height).fill("#e2e8f0");
    doc.fillColor(INK);
    for (const c of COLUMNS) {
      doc.text(c.title, x + padding, y + padding, { width: c.width - 2 * padding });
      x += c.width;
    }
    doc.y = y + height;
  };
  doc.fillColor(INK).font(PDF_FONT_BOLD).fontSize(11).text(toPdfText(`Stops in walk order: ${incidentLabel(sheet.incident, sheet.timeZone)}`), MARGIN, MARGIN);
  doc.moveDown(0.3);
  drawHeaderRow();
  doc.font(PDF_FONT).fontSize(8);
  for (const row of sheet.rows) {
    const texts = COLUMNS.map((c) => (c.text ? toPdfText(c.text(row, sheet)) : ""));
    const height = Math.max(
      34,
      ...COLUMNS.map((c, i) => (c.text ? doc.heightOfString(texts[i], { width: c.width - 2 * padding }) + 2 * padding : 0)),
    );
    if (doc.y + height > bottom) {
      doc.addPage();
      doc.y = MARGIN;
      drawHeaderRow();
      doc.font(PDF_FONT).fontSize(8);
    }
    const y = doc.y;
    let x = MARGIN;
    for (const [i, c] of COLUMNS.entries()) {
      doc.lineWidth(0.5).strokeColor("#94a3b8").rect(x, y, c.width, height).stroke();
      if (c.box) {
        doc.lineWidth(0.8).strokeColor(INK).rect(x + 4, y + 4, c.width - 8, height - 8).stroke();
      } else {
        const flagged = c.title === "Footage deadline" && row.deadlineStatus === "likely_overwritten";
        doc.fillColor(flagged ? ALERT : INK).font(i === 0 ? PDF_FONT_BOLD : PDF_FONT).fontSize(i === 0 ? 10 : 8);
        doc.text(texts[i], x + padding, y + padding, { width: c.width - 2 * padding });
      }
      x += c.width;
    }
    doc.y = y + height;
  }
  doc.font(PDF_FONT).fontSize(7).fillColor(MUTED);
  if (doc.y + 30 > bottom) doc.addPage();
  doc.text(
    toPdfText(
      `Outcome codes: ${Object.values(OUTCOME_LABELS).join(", ")}. Clock offset = recorder time minus true time (e.g. +3 min 12 s). Already recorded offsets: ${
        sheet.rows
          .filter((r) => r.clockOffsetS !== null)
          .map((r) => `#${r.walkOrder} ${formatClockOffset(r.clockOffsetS)}`)
          .join(", ") || "none"
      }.`,
    ),
    MARGIN,
    doc.y + 8,
    { width: PAGE[0] - 2 * MARGIN },
  );
}
