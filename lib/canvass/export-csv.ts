/**
 * The canvass as CSV for Excel: the export row model (export-row.ts), one
 * column per field in EXPORT_FIELDS, UTF-8 with a byte-order mark (so Excel
 * reads it as UTF-8), RFC 4180 quoting by csv-stringify, and every text cell
 * that a spreadsheet would run as a formula (= + - @ tab CR) prefixed with a
 * quote. Registrants type these values themselves, so they are untrusted.
 */
import { stringify } from "csv-stringify/sync";
import type { CanvassSheet } from "./canvass-types";
import { EXPORT_FIELDS, toExportRows } from "./export-row";

const FORMULA_START = /^[=+\-@\t\r]/;

/** OWASP's advice: a leading apostrophe makes the cell text, and Excel hides it. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export const CSV_COLUMNS = EXPORT_FIELDS;

export function canvassToCsv(sheet: CanvassSheet): string {
  const records = toExportRows(sheet).map((row) =>
    EXPORT_FIELDS.map((field) => {
      const value = row[field];
      if (value === null || value === undefined) return "";
      // Numbers and booleans are ours (coordinates, counts, offsets); text can come from anyone.
      return typeof value === "string" ? neutralizeCell(value) : String(value);
    }),
  );
  return stringify([[...EXPORT_FIELDS], ...records], { bom: true, record_delimiter: "windows", quoted_match: /[\s"',;]/ });
}
