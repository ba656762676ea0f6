/**
 * The canvass sheet's map, drawn as vectors (paper needs no tiles, and tiles
 * may be unreachable): street centerlines with their names, the search area,
 * the incident marked and labelled with its address, the walk in stop order,
 * and numbered stops, done ones greyed so the remaining walk stands out.
 */
import type { LngLat } from "@/db/ewkb";
import { FINAL_OUTCOMES, type CanvassSheet } from "./canvass-types";
import { PDF_FONT, PDF_FONT_BOLD, toPdfText } from "./pdf-fonts";
import { placeStreetLabels, type PagePoint } from "./pdf-street-labels";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const INK = "#0f172a";
const MUTED = "#475569";
const ALERT = "#b91c1c";
const STREET = "#cbd5e1";
const STREET_NAME = "#334155";
const STREET_LABEL_PT = 7.5;

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

export function drawCanvassMap(doc: PDFKit.PDFDocument, sheet: CanvassSheet, box: Box): void {
  const center = sheet.incident.point ?? sheet.incident.route?.[0] ?? sheet.rows.find((r) => r.location)?.location ?? null;
  doc.save().lineWidth(0.8).strokeColor("#94a3b8").rect(box.x, box.y, box.width, box.height).stroke().restore();
  if (!center) {
    doc.fillColor(MUTED).font(PDF_FONT).fontSize(10).text("No location to map.", box.x + 10, box.y + 10);
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
  const minX = Math.min(...extent.map((p) => p[0])) - 40;
  const maxX = Math.max(...extent.map((p) => p[0])) + 40;
  const minY = Math.min(...extent.map((p) => p[1])) - 40;
  const maxY = Math.max(...extent.map((p) => p[1])) + 40;
  const scale = Math.min(box.width / (maxX - minX), box.height / (maxY - minY));
  const offsetX = box.x + (box.width - (maxX - minX) * scale) / 2;
  const offsetY = box.y + (box.height - (maxY - minY) * scale) / 2;
  const toPage = (p: LngLat): PagePoint => {
    const [mx, my] = toMetres(p);
    return [offsetX + (mx - minX) * scale, offsetY + (maxY - my) * scale];
  };

  doc.save();
  doc.rect(box.x, box.y, box.width, box.height).clip();
  // Streets
  doc.lineWidth(4).strokeColor(STREET).lineCap("round");
  const streets = sheet.centerlines.map((line, i) => ({ name: sheet.centerlineNames[i] ?? "", line: line.map(toPage) }));
  for (const { line } of streets) {
    line.forEach((p, i) => (i === 0 ? doc.moveTo(...p) : doc.lineTo(...p)));
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

  // Stops' markers, then the incident's label where it covers the fewest of them, then street names clear of both.
  const stopBoxes = located.map((r) => {
    const [x, y] = toPage(r.location!);
    return { x: x - 10, y: y - 10, width: 20, height: 20 };
  });
  const incidentText = toPdfText(sheet.incident.address ? `Incident: ${sheet.incident.address}` : "Incident");
  doc.font(PDF_FONT_BOLD).fontSize(8.5);
  const incidentWidth = doc.widthOfString(incidentText) + 4;
  const inside = (b: Box) => ({ ...b, x: Math.min(Math.max(b.x, box.x + 4), box.x + box.width - b.width - 4), y: Math.min(Math.max(b.y, box.y + 18), box.y + box.height - b.height - 26) });
  const incidentChoices = [
    { x: cx + 10, y: cy - 7 },
    { x: cx - 10 - incidentWidth, y: cy - 7 },
    { x: cx - incidentWidth / 2, y: cy - 26 },
    { x: cx - incidentWidth / 2, y: cy + 12 },
    { x: cx + 10, y: cy - 30 },
    { x: cx + 10, y: cy + 16 },
    { x: cx - 10 - incidentWidth, y: cy - 30 },
    { x: cx - 10 - incidentWidth, y: cy + 16 },
  ].map((p) => inside({ x: p.x, y: p.y, width: incidentWidth, height: 14 }));
  const covered = (b: Box) => stopBoxes.filter((s) => overlaps(s, b)).length;
  const incidentBox = incidentChoices.reduce((best, b) => (covered(b) < covered(best) ? b : best));

  doc.font(PDF_FONT).fontSize(STREET_LABEL_PT);
  const inner = { x: box.x + 4, y: box.y + 4, width: box.width - 8, height: box.height - 8 };
  const legendBox = { x: box.x, y: box.y, width: box.width, height: 16 };
  const scaleBox = { x: box.x, y: box.y + box.height - 24, width: 90, height: 24 };
  const labels = placeStreetLabels(
    streets.map((s) => ({ name: toPdfText(s.name), line: s.line })),
    inner,
    (name) => doc.widthOfString(name),
    STREET_LABEL_PT + 2,
    [incidentBox, { x: cx - 8, y: cy - 8, width: 16, height: 16 }, legendBox, scaleBox, ...stopBoxes],
  );
  doc.fillColor(STREET_NAME);
  for (const l of labels) {
    doc.save();
    doc.rotate(l.angleDeg, { origin: [l.x, l.y] });
    doc.text(l.name, l.x - l.width / 2, l.y - STREET_LABEL_PT / 2 - 1, { lineBreak: false });
    doc.restore();
  }

  doc.lineWidth(2.2).strokeColor(ALERT).moveTo(cx - 6, cy - 6).lineTo(cx + 6, cy + 6).moveTo(cx - 6, cy + 6).lineTo(cx + 6, cy - 6).stroke();

  // Numbered stops; a stop whose outcome needs no return visit is grey.
  for (const r of located) {
    const [x, y] = toPage(r.location!);
    const done = FINAL_OUTCOMES.includes(r.outcome);
    doc.lineWidth(1).fillColor(done ? "#cbd5e1" : "#ffffff").strokeColor(done ? "#64748b" : INK).circle(x, y, 9).fillAndStroke();
    doc.fillColor(done ? "#475569" : INK).font(PDF_FONT_BOLD).fontSize(8).text(String(r.walkOrder ?? ""), x - 9, y - 4, { width: 18, align: "center", lineBreak: false });
  }
  // The incident's address last, on white, so nothing is drawn over it, with a line to its X.
  const nearX = Math.min(Math.max(cx, incidentBox.x), incidentBox.x + incidentBox.width);
  const nearY = Math.min(Math.max(cy, incidentBox.y), incidentBox.y + incidentBox.height);
  if (Math.hypot(nearX - cx, nearY - cy) > 8) doc.lineWidth(0.8).strokeColor(ALERT).moveTo(cx, cy).lineTo(nearX, nearY).stroke();
  doc.lineWidth(0.6).strokeColor(ALERT).fillColor("#ffffff").rect(incidentBox.x, incidentBox.y, incidentBox.width, incidentBox.height).fillAndStroke();
  doc.fillColor(ALERT).font(PDF_FONT_BOLD).fontSize(8.5).text(incidentText, incidentBox.x + 2, incidentBox.y + 2.5, { lineBreak: false });
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
    .text(
      "North is up. X = incident, dashed circle = search radius, dotted line = walk in stop order, grey stop = done (no need to go back).",
      box.x + 8,
      box.y + 5,
      { lineBreak: false },
    );
}
