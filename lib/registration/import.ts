import "server-only";
/**
 * Bulk import of an agency's existing registrations (CSV). Each row goes
 * through the public schema and the same createRegistration as the form;
 * a row whose normalized address + e-mail is already registered is skipped,
 * so running the import twice duplicates nothing.
 */
import { parse } from "csv-parse/sync";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { registrations } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit";
import type { GeocodeStatus, Geocoder } from "@/lib/geocode/types";
import { createRegistration } from "./create-registration";
import { rowToRegistration, type ImportField } from "./import-rows";
import { fieldErrors } from "@/lib/http/field-errors";
import { registrationSchema, type RegistrationInput } from "./schema";

export interface ImportReport {
  inserted: { line: number; id: string; status: string; geocode: GeocodeStatus }[];
  /**
   * Rows whose address the geocoder could not place with certainty, by line:
   * saved as pending_review for staff to place, listed so the importer can fix them.
   */
  unplaced: { line: number; id: string; geocode: "ambiguous" | "not_found"; reason: string | null; candidates: string[] }[];
  skipped: { line: number; id: string; reason: string }[];
  rejected: { line: number; errors: Record<string, string> }[];
}

export async function importRegistrationsCsv(
  db: Db,
  csvText: string,
  options: {
    columns: Record<ImportField, string>;
    geocoder: Geocoder;
    normalizeAddressKey: (a: RegistrationInput["address"]) => string;
    actor: AuditActor;
    baseUrl: string;
    geocodeTimeoutMs: number;
    termsVersion: string;
    /** Called after each row is committed (each row is its own transaction), e.g. to print progress. */
    onInserted?: (row: { line: number; id: string; status: string; geocode: GeocodeStatus }) => void;
  },
): Promise<ImportReport> {
  const report: ImportReport = { inserted: [], unplaced: [], skipped: [], rejected: [] };
  let rows: Record<string, string>[];
  try {
    rows = parse(csvText, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
  } catch (err) {
    report.rejected.push({ line: 0, errors: { file: `not a readable CSV file: ${err instanceof Error ? err.message : String(err)}` } });
    return report;
  }
  for (const [i, row] of rows.entries()) {
    const line = i + 2; // 1-based, after the header line
    const parsed = registrationSchema.safeParse(rowToRegistration(row, options.columns));
    if (!parsed.success) {
      report.rejected.push({ line, errors: fieldErrors(parsed.error) });
      continue;
    }
    const key = options.normalizeAddressKey(parsed.data.address);
    const [existing] = await db
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(eq(registrations.addressNormalized, key), eq(sql`lower(${registrations.ownerEmail})`, parsed.data.owner.email), isNull(registrations.mergedIntoId)))
      .limit(1);
    if (existing) {
      report.skipped.push({ line, id: existing.id, reason: "already registered (same address and e-mail)" });
      continue;
    }
    const outcome = await createRegistration(db, parsed.data, {
      geocoder: options.geocoder,
      normalizeAddressKey: options.normalizeAddressKey,
      actor: options.actor,
      baseUrl: options.baseUrl,
      termsVersion: options.termsVersion,
      geocodeTimeoutMs: options.geocodeTimeoutMs,
      source: "import",
    });
    const inserted = { line, id: outcome.id, status: outcome.storedStatus, geocode: outcome.geocode.status };
    report.inserted.push(inserted);
    if (outcome.geocode.status !== "found") {
      report.unplaced.push({ line, id: outcome.id, geocode: outcome.geocode.status, reason: outcome.geocode.reason, candidates: outcome.geocode.candidates });
    }
    options.onInserted?.(inserted);
  }
  return report;
}
