/**
 * What the search found at a site when an incident was saved, kept on the
 * canvass entry (canvass_entries.snapshot) so the record of the canvass does
 * not change when the owner later edits or withdraws the registration. Written
 * by one SQL statement (lib/canvass/site-snapshot-sql.ts; the 0011 migration
 * backfills older entries with the same statement, `backfilled: true`).
 */
export interface SnapshotCamera {
  position: string;
  bearingDeg: number | null;
  fovDeg: number | null;
  rangeM: number | null;
  recordsStreet: boolean;
  /** Records the street, or its cone crosses a street centerline. */
  facesStreet: boolean;
  /** The cone holds the incident point (or crosses the route of travel). */
  seesSpot: boolean;
  viewCone: { type: "Polygon"; coordinates: [number, number][][] } | null;
  note: string | null;
}

export interface SiteSnapshot {
  /** ISO instant the snapshot was taken (the incident's save, or the migration for older entries). */
  takenAt: string;
  /** Taken by the 0011 migration from the registration as it stood then, not at the save. */
  backfilled?: boolean;
  address: { line1: string; unit: string | null; city: string; state: string; zip: string };
  location: [number, number] | null;
  retentionDays: number | null;
  recordingMode: string;
  playback: string;
  facesStreet: boolean;
  seesSpot: boolean;
  cameras: SnapshotCamera[];
}
