/**
 * Read a reference file into plain records: GeoJSON features (properties +
 * geometry) or CSV rows (points from lon/lat columns). A file that cannot be
 * read at all throws ImportRefusedError; per-row problems are the loader's.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";

export class ImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportRefusedError";
  }
}

export interface SourceRecord {
  /** 1-based feature number, or the CSV line number, for the rejection report. */
  rowNumber: number;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

export interface SourceFile {
  format: "geojson" | "csv";
  columns: string[];
  records: SourceRecord[];
}

export function readSourceFile(file: string): SourceFile {
  if (!fs.existsSync(file)) throw new ImportRefusedError(`${file}: no such file`);
  const ext = path.extname(file).toLowerCase();
  const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  if (ext === ".geojson" || ext === ".json") return readGeoJson(file, text);
  if (ext === ".csv") return readCsv(file, text);
  throw new ImportRefusedError(`${file}: unsupported format "${ext}" (use .geojson, .json or .csv)`);
}

function readGeoJson(file: string, text: string): SourceFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ImportRefusedError(`${file}: not valid JSON (${err instanceof Error ? err.message : "parse error"})`);
  }
  const collection = doc as { type?: unknown; features?: unknown };
  if (collection?.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
    throw new ImportRefusedError(`${file}: expected a GeoJSON FeatureCollection`);
  }
  const columns = new Set<string>();
  const records = collection.features.map((feature: unknown, i: number) => {
    const f = feature as { properties?: Record<string, unknown> | null; geometry?: SourceRecord["geometry"] };
    const properties = f?.properties && typeof f.properties === "object" ? f.properties : {};
    for (const key of Object.keys(properties)) columns.add(key);
    return { rowNumber: i + 1, properties, geometry: f?.geometry ?? null };
  });
  return { format: "geojson", columns: [...columns], records };
}

function readCsv(file: string, text: string): SourceFile {
  const header = text.split(/\r?\n/, 1)[0];
  // Nominatim's TIGER extract and many county exports use semicolons.
  const delimiter = header.split(";").length > header.split(",").length ? ";" : ",";
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, delimiter });
  } catch (err) {
    throw new ImportRefusedError(`${file}: not valid CSV (${err instanceof Error ? err.message : "parse error"})`);
  }
  const columns = rows.length ? Object.keys(rows[0]) : header.split(delimiter).map((c) => c.trim());
  const wktColumn = columns.find((c) => ["geometry", "wkt", "the_geom", "geom"].includes(c.toLowerCase()));
  // Line numbers as a spreadsheet shows them: the header is line 1.
  return {
    format: "csv",
    columns,
    records: rows.map((properties, i) => ({
      rowNumber: i + 2,
      properties,
      geometry: wktColumn ? geometryFromWkt(properties[wktColumn]) : null,
    })),
  };
}

/** POINT / LINESTRING / MULTILINESTRING well-known text as GeoJSON geometry; anything else is left to the loader to reject. */
export function geometryFromWkt(text: string | undefined): SourceRecord["geometry"] {
  const match = (text ?? "").trim().match(/^(POINT|LINESTRING|MULTILINESTRING)\s*\((.*)\)$/i);
  if (!match) return text ? { type: "Unknown", coordinates: null } : null;
  const positions = (list: string) => list.split(",").map((pair) => pair.trim().split(/\s+/).map(Number));
  const kind = match[1].toUpperCase();
  if (kind === "POINT") return { type: "Point", coordinates: positions(match[2])[0] };
  if (kind === "LINESTRING") return { type: "LineString", coordinates: positions(match[2]) };
  return { type: "MultiLineString", coordinates: match[2].split(/\)\s*,\s*\(/).map((part) => positions(part.replace(/[()]/g, ""))) };
}
