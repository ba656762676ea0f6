import "server-only";
import type { Db } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { StaffPrincipal } from "@/lib/auth/principal";
import { roleAllows, type Role } from "@/lib/auth/roles";
import { env } from "@/lib/env.js";
import { AppError } from "@/lib/http/errors";
import type { CanvassSheet } from "./canvass-types";
import { canvassToCsv } from "./export-csv";
import { canvassToGeoJson } from "./export-geojson";
import { canvassToPdf } from "./export-pdf";
import { loadCanvassSheet } from "./load-canvass";
import { recomputeWalkOrder } from "./walk-order-store";

export const CANVASS_FORMATS = ["json", "csv", "pdf", "geojson"] as const;
export type CanvassFormat = (typeof CANVASS_FORMATS)[number];

/** Who may take the canvass out of the system as a file (CANVASS_EXPORT_MIN_ROLE, default supervisor). */
export function canvassExportMinRole(): Role {
  return env.CANVASS_EXPORT_MIN_ROLE;
}

export interface CanvassResponse {
  body: Buffer | string;
  contentType: string;
  fileName: string | null;
  rows: number;
}

/** The canvass in walk order, with the walk planned first if any stop has no number yet. */
export async function readCanvassSheet(db: Db, incidentId: string, actor: AuditActor, now = new Date()): Promise<CanvassSheet | null> {
  const agency = agencySettings();
  await recomputeWalkOrder(db, incidentId, actor, { onlyIfMissing: true });
  return loadCanvassSheet(db, incidentId, { timeZone: agency.timeZone, agencyName: agency.name, now });
}

/**
 * The JSON canvass. With contacts only for CANVASS_EXPORT_MIN_ROLE, like the
 * files: otherwise every stop's owner, alternate and the registrant's notes
 * (which name people and times to call) are withheld (the page still shows a
 * detective each stop's contact, one stop at a time).
 */
function jsonSheet(sheet: CanvassSheet, withContacts: boolean) {
  if (withContacts) return { ...sheet, exportedAt: sheet.generatedAt, contactsIncluded: true };
  const rows = sheet.rows.map((row) => ({ ...row, owner: null, alternate: null, registrantNotes: null }));
  return { ...sheet, rows, exportedAt: sheet.generatedAt, contactsIncluded: false };
}

/**
 * Read or export an incident's canvass. Every read is
 * audited (action `canvass.viewed` for JSON, `canvass.exported` with the format and
 * row count for files) before anything leaves the server.
 */
export async function renderCanvass(
  db: Db,
  principal: StaffPrincipal,
  actor: AuditActor,
  incidentId: string,
  format: CanvassFormat,
): Promise<CanvassResponse> {
  const isFile = format !== "json";
  const mayExport = roleAllows(principal.role, canvassExportMinRole());
  if (isFile && !mayExport) {
    throw new AppError("forbidden", `exporting a canvass needs the ${canvassExportMinRole()} role`);
  }
  const sheet = await readCanvassSheet(db, incidentId, actor);
  if (!sheet) throw new AppError("not_found", "incident not found");
  const stem = `canvass-${(sheet.incident.caseNumber ?? sheet.incident.id.slice(0, 8)).replace(/[^A-Za-z0-9_-]+/g, "_")}`;
  let result: CanvassResponse;
  switch (format) {
    case "csv":
      result = { body: canvassToCsv(sheet), contentType: "text/csv; charset=utf-8", fileName: `${stem}.csv`, rows: sheet.rows.length };
      break;
    case "geojson":
      result = { body: JSON.stringify(canvassToGeoJson(sheet)), contentType: "application/geo+json", fileName: `${stem}.geojson`, rows: sheet.rows.length };
      break;
    case "pdf":
      result = { body: await canvassToPdf(sheet), contentType: "application/pdf", fileName: `${stem}.pdf`, rows: sheet.rows.length };
      break;
    default:
      result = { body: JSON.stringify(jsonSheet(sheet, mayExport)), contentType: "application/json", fileName: null, rows: sheet.rows.length };
  }
  await recordAudit(db, actor, {
    action: isFile ? "canvass.exported" : "canvass.viewed",
    targetType: "incident",
    targetId: incidentId,
    details: { format, rows: sheet.rows.length, contacts: mayExport, entryIds: sheet.rows.map((r) => r.entryId) },
  });
  return result;
}
