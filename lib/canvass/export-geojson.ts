/**
 * The canvass as a GeoJSON FeatureCollection (RFC 7946, WGS 84 lng/lat) for
 * the agency's GIS (ArcGIS, QGIS): one Point per stop whose properties are the
 * export row model (export-row.ts), the same fields as the CSV, typed (numbers
 * and booleans stay numbers and booleans), since GIS tools turn properties
 * into table columns.
 */
import type { Feature, FeatureCollection, Point } from "geojson";
import type { CanvassSheet } from "./canvass-types";
import { EXPORT_FIELDS, toExportRow, type CanvassExportRow } from "./export-row";

export type CanvassFeatureProperties = CanvassExportRow;

export function canvassToGeoJson(sheet: CanvassSheet): FeatureCollection<Point | null, CanvassFeatureProperties> {
  const features: Feature<Point | null, CanvassFeatureProperties>[] = sheet.rows.map((row) => {
    const record = toExportRow(row, sheet);
    // Properties in the CSV's column order, so both files read the same.
    const properties = Object.fromEntries(EXPORT_FIELDS.map((field) => [field, record[field]])) as unknown as CanvassExportRow;
    return { type: "Feature", id: row.entryId, geometry: row.location ? { type: "Point", coordinates: row.location } : null, properties };
  });
  return { type: "FeatureCollection", features };
}
