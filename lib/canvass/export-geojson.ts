/**
 * The canvass as a GeoJSON FeatureCollection (RFC 7946, WGS 84 lng/lat) for
 * the agency's GIS (ArcGIS, QGIS): one Point per stop with flat, typed
 * attributes, since GIS tools turn properties into table columns.
 */
import type { Feature, FeatureCollection, Point } from "geojson";
import { formatClockOffset } from "./clock-offset";
import { fullAddress, relevantCameras, type CanvassSheet } from "./canvass-types";

export type CanvassFeatureProperties = {
  stop: number | null;
  block_face: string;
  address: string;
  city: string;
  owner_name: string | null;
  business_name: string | null;
  owner_phone: string | null;
  alternate_name: string | null;
  alternate_phone: string | null;
  cameras_street_or_spot: number;
  cameras_all: number;
  playback: string;
  retention_days: number | null;
  footage_deadline: string | null;
  deadline_status: string;
  distance_m: number | null;
  outcome: string;
  clock_offset_s: number | null;
  clock_offset: string;
  assigned_to: string | null;
  entry_id: string;
  incident_id: string;
  case_number: string | null;
};

export function canvassToGeoJson(sheet: CanvassSheet): FeatureCollection<Point | null, CanvassFeatureProperties> {
  const features: Feature<Point | null, CanvassFeatureProperties>[] = sheet.rows.map((row) => ({
    type: "Feature",
    id: row.entryId,
    geometry: row.location ? { type: "Point", coordinates: row.location } : null,
    properties: {
      stop: row.walkOrder,
      block_face: row.blockFaceLabel,
      address: fullAddress(row),
      city: row.addressCity,
      owner_name: row.owner.name,
      business_name: row.owner.businessName,
      owner_phone: row.owner.phone,
      alternate_name: row.alternate.name,
      alternate_phone: row.alternate.phone,
      cameras_street_or_spot: relevantCameras(row).length,
      cameras_all: row.cameras.length,
      playback: row.playback,
      retention_days: row.retentionDays,
      recording_mode: row.recordingMode,
      footage_deadline: row.footageDeadline ? row.footageDeadline.toISOString() : null,
      deadline_status: row.deadlineStatus,
      distance_m: row.distanceM === null ? null : Math.round(row.distanceM * 10) / 10,
      outcome: row.outcome,
      clock_offset_s: row.clockOffsetS,
      clock_offset: formatClockOffset(row.clockOffsetS),
      assigned_to: row.assignedToName,
      entry_id: row.entryId,
      incident_id: sheet.incident.id,
      case_number: sheet.incident.caseNumber,
    },
  }));
  return { type: "FeatureCollection", features };
}
