/**
 * Load a reference file (NG9-1-1 address points or road centerlines, or an
 * OpenAddresses CSV) into PostGIS. One transaction: a file with any rejected
 * row loads nothing unless the caller allows rejects, and a failure halfway
 * rolls everything back.
 */
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { point } from "@/db/postgis";
import { addressPoints, streetCenterlines } from "@/db/schema";
import { recordAudit, systemActor, type AuditActor } from "@/lib/audit/record-audit";
import { normalizeStreetParts, parseStreetName } from "../street-name";
import { cleanText, normalizeCity, normalizeState, normalizeUnit, normalizeZip } from "../usps";
import { CENTERLINE_FIELDS, POINT_FIELDS, resolveColumns, type Layer } from "./fields";
import { ImportRefusedError, readSourceFile, type SourceRecord } from "./read-source";

export { ImportRefusedError } from "./read-source";

const BATCH = 500;

export interface ImportOptions {
  file: string;
  layer?: Layer;
  /** field=column pairs from --map. */
  map?: Record<string, string>;
  /** Recorded on every row; defaults to the file name. */
  source?: string;
  /**
   * Delete this source's earlier rows first. On by default: importing a file
   * again (same --source) replaces its rows, so re-imports are idempotent and
   * every stored key is recomputed by the current street-name normalizer.
   * `false` appends (two files loaded under one source name).
   */
  replace?: boolean;
  /** Load the good rows even when some are rejected. */
  allowRejects?: boolean;
  actor?: AuditActor;
  onProgress?: (done: number, total: number) => void;
}

export interface RejectedRow {
  row: number;
  reason: string;
}

export interface ImportSummary {
  file: string;
  layer: Layer;
  format: "geojson" | "csv";
  source: string;
  read: number;
  loaded: number;
  replaced: number;
  rejected: RejectedRow[];
  committed: boolean;
}

class RowError extends Error {}

type Getter = (record: SourceRecord, field: string) => string | null;

function getterFor(columns: Partial<Record<string, string>>): Getter {
  return (record, field) => {
    const column = columns[field];
    if (!column) return null;
    const value = record.properties[column];
    if (value === null || value === undefined) return null;
    const text = String(value).trim();
    return text === "" ? null : text;
  };
}

function houseNumber(text: string | null): { number: number; suffix: string | null } {
  if (!text) throw new RowError("missing house number");
  const match = text.match(/^(\d{1,7})\s*([A-Za-z]|1\/2)?$/);
  if (!match || Number(match[1]) <= 0) throw new RowError(`house number "${text.slice(0, 20)}" is not a positive number`);
  return { number: Number(match[1]), suffix: match[2]?.toUpperCase() ?? null };
}

function rangeNumber(text: string | null, field: string): number | null {
  if (text === null) return null;
  if (!/^\d{1,9}$/.test(text)) throw new RowError(`${field} "${text.slice(0, 20)}" is not a whole number`);
  return Number(text);
}

function parity(text: string | null, field: string): string | null {
  if (text === null) return null;
  const p = text.toUpperCase();
  if (!["O", "E", "B", "Z"].includes(p)) throw new RowError(`${field} must be O, E, B or Z`);
  return p;
}

/**
 * The street through THE street-name normalizer (street-name.ts), the same
 * one every query uses: separate name parts when the file has them (NENA
 * St_PreDir/St_PreTyp/St_Name/St_PosTyp/St_PosDir, TIGER PREDIRABRV/
 * PRETYPABRV/NAME/SUFTYPABRV/SUFDIRABRV), else its full-name column.
 */
function streetParts(get: Getter, record: SourceRecord) {
  const name = get(record, "stName");
  const street = name
    ? normalizeStreetParts({
        preDir: get(record, "stPreDir"),
        preType: get(record, "stPreTyp"),
        name,
        type: get(record, "stPosTyp"),
        postDir: get(record, "stPosDir"),
      })
    : parseStreetName(get(record, "street"));
  if (!street) throw new RowError("missing street name");
  return { stPreDir: street.preDir, stName: street.name, stPosTyp: street.type, stPosDir: street.postDir };
}

function lonLat(values: unknown): [number, number] {
  if (!Array.isArray(values) || values.length < 2) throw new RowError("a position needs longitude and latitude");
  const [lon, lat] = values.map(Number);
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new RowError("longitude/latitude out of range");
  }
  return [lon, lat];
}

function pointRow(get: Getter, record: SourceRecord, source: string): typeof addressPoints.$inferInsert {
  const { number, suffix } = houseNumber(get(record, "addNumber"));
  let position: [number, number];
  if (record.geometry) {
    if (record.geometry.type !== "Point") throw new RowError(`geometry is a ${record.geometry.type}, expected a Point`);
    position = lonLat(record.geometry.coordinates);
  } else {
    const lon = get(record, "lon");
    const lat = get(record, "lat");
    if (lon === null || lat === null) throw new RowError("missing longitude/latitude");
    position = lonLat([lon, lat]);
  }
  return {
    addNumber: number,
    addNumSuf: cleanText(get(record, "addNumSuf")) || suffix,
    ...streetParts(get, record),
    unit: normalizeUnit(get(record, "unit")),
    city: normalizeCity(get(record, "city")),
    state: normalizeState(get(record, "state")),
    zip: normalizeZip(get(record, "zip")),
    location: point(position[0], position[1]),
    source,
  };
}

function centerlineRows(get: Getter, record: SourceRecord, source: string): (typeof streetCenterlines.$inferInsert)[] {
  const geometry = record.geometry;
  if (!geometry) throw new RowError("missing geometry");
  let parts: unknown[];
  if (geometry.type === "LineString") parts = [geometry.coordinates];
  else if (geometry.type === "MultiLineString" && Array.isArray(geometry.coordinates)) parts = geometry.coordinates;
  else throw new RowError(`geometry is a ${geometry.type}, expected a LineString`);
  const street = streetParts(get, record);
  const oneRange = get(record, "from") !== null || get(record, "to") !== null;
  const ranges = oneRange ? singleRange(get, record) : {
    fromAddrL: rangeNumber(get(record, "fromAddrL"), "FromAddr_L"),
    toAddrL: rangeNumber(get(record, "toAddrL"), "ToAddr_L"),
    fromAddrR: rangeNumber(get(record, "fromAddrR"), "FromAddr_R"),
    toAddrR: rangeNumber(get(record, "toAddrR"), "ToAddr_R"),
    parityL: parity(get(record, "parityL"), "Parity_L"),
    parityR: parity(get(record, "parityR"), "Parity_R"),
    zipL: normalizeZip(get(record, "zipL")),
    zipR: normalizeZip(get(record, "zipR")),
    cityL: normalizeCity(get(record, "cityL")),
    cityR: normalizeCity(get(record, "cityR")),
  };
  return parts.map((part) => {
    if (!Array.isArray(part) || part.length < 2) throw new RowError("a line needs at least two positions");
    const coordinates = part.map(lonLat);
    return { ...street, ...ranges, geom: { type: "LineString" as const, coordinates }, source };
  });
}

/** A row with one range and no side (Nominatim TIGER): stored as the left range. */
function singleRange(get: Getter, record: SourceRecord) {
  const interpolation = (get(record, "interpolation") ?? "all").toLowerCase();
  const parityOf: Record<string, string> = { odd: "O", even: "E", all: "B" };
  if (!parityOf[interpolation]) throw new RowError(`interpolation must be odd, even or all, got "${interpolation.slice(0, 20)}"`);
  return {
    fromAddrL: rangeNumber(get(record, "from"), "from"),
    toAddrL: rangeNumber(get(record, "to"), "to"),
    fromAddrR: null,
    toAddrR: null,
    parityL: parityOf[interpolation],
    parityR: null,
    zipL: normalizeZip(get(record, "zip")),
    zipR: null,
    cityL: normalizeCity(get(record, "city")),
    cityR: null,
  };
}

export async function importReferenceFile(db: Db, options: ImportOptions): Promise<ImportSummary> {
  const sourceFile = readSourceFile(options.file);
  const hasLines = sourceFile.records.some((r) => r.geometry?.type === "LineString" || r.geometry?.type === "MultiLineString");
  const layer: Layer = options.layer ?? (hasLines ? "centerlines" : "address_points");
  if (layer === "centerlines" && sourceFile.format === "csv" && !hasLines) {
    throw new ImportRefusedError(`${options.file}: centerlines need line geometry; give them as GeoJSON or a CSV with a WKT geometry column`);
  }
  const fields = layer === "address_points" ? POINT_FIELDS : CENTERLINE_FIELDS;
  const resolved = resolveColumns(fields as Record<string, readonly string[]>, sourceFile.columns, options.map ?? {});
  if (resolved.unknownMapKeys.length) {
    throw new ImportRefusedError(`--map names unknown field(s): ${resolved.unknownMapKeys.join(", ")} (known: ${Object.keys(fields).join(", ")})`);
  }
  if (resolved.missingMapColumns.length) {
    throw new ImportRefusedError(`--map names column(s) not in the file: ${resolved.missingMapColumns.join(", ")}`);
  }
  const has = (f: string) => Boolean((resolved.columns as Record<string, string | undefined>)[f]);
  if (sourceFile.records.length > 0) {
    if (!has("stName") && !has("street")) {
      throw new ImportRefusedError(`${options.file}: no street name column (St_Name or STREET); use --map stName=<column>`);
    }
    if (layer === "address_points" && !has("addNumber")) {
      throw new ImportRefusedError(`${options.file}: no house number column (Add_Number or NUMBER); use --map addNumber=<column>`);
    }
    if (layer === "address_points" && sourceFile.format === "csv" && !(has("lon") && has("lat"))) {
      throw new ImportRefusedError(`${options.file}: no LON/LAT columns; use --map lon=<column> --map lat=<column>`);
    }
  }

  const source = options.source ?? path.basename(options.file);
  const get = getterFor(resolved.columns as Record<string, string>);
  const rejected: RejectedRow[] = [];
  const rows: Record<string, unknown>[] = [];
  for (const record of sourceFile.records) {
    try {
      if (layer === "address_points") rows.push(pointRow(get, record, source));
      else rows.push(...centerlineRows(get, record, source));
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      rejected.push({ row: record.rowNumber, reason: err.message });
    }
  }
  const summary: ImportSummary = {
    file: options.file,
    layer,
    format: sourceFile.format,
    source,
    read: sourceFile.records.length,
    loaded: 0,
    replaced: 0,
    rejected,
    committed: false,
  };
  if (rejected.length > 0 && !options.allowRejects) return summary;

  const table = layer === "address_points" ? addressPoints : streetCenterlines;
  await db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    if (options.replace !== false) {
      summary.replaced = (await tx.delete(table).where(eq(table.source, source)).returning({ id: table.id })).length;
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await tx.insert(table).values(batch as never[]);
      summary.loaded += batch.length;
      options.onProgress?.(summary.loaded, rows.length);
    }
    await recordAudit(tx, options.actor ?? systemActor("geo:import"), {
      action: "reference.imported",
      targetType: layer,
      targetId: source,
      details: { read: summary.read, loaded: summary.loaded, replaced: summary.replaced, rejected: rejected.length },
    });
  });
  summary.committed = true;
  return summary;
}
