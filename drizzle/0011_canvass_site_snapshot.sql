ALTER TABLE "canvass_entries" ADD COLUMN "snapshot" jsonb;--> statement-breakpoint
-- ==== hand-written (keep when regenerating): backfill the snapshot of entries saved before 0011 ====
-- The same statement as lib/canvass/site-snapshot-sql.ts, for every entry without a snapshot, marked
-- "backfilled": the registration as it stands at the migration is the best record left of what the search found.
UPDATE canvass_entries ce SET snapshot = s.snapshot
FROM (SELECT e.id, jsonb_build_object(
    'takenAt', to_jsonb(now()),
    'backfilled', true,
    'address', jsonb_build_object('line1', r.address_line1, 'unit', r.address_unit, 'city', r.address_city, 'state', r.address_state, 'zip', r.address_zip),
    'location', CASE WHEN r.location IS NULL THEN NULL ELSE jsonb_build_array(ST_X(r.location::geometry), ST_Y(r.location::geometry)) END,
    'retentionDays', r.retention_days,
    'recordingMode', r.recording_mode,
    'playback', r.playback,
    'facesStreet', r.records_street_traffic OR coalesce(bool_or(cam.faces_street), false),
    'seesSpot', coalesce(bool_or(cam.sees_spot), false),
    'cameras', coalesce(jsonb_agg(jsonb_build_object(
        'position', cam.position, 'bearingDeg', cam.bearing_deg, 'fovDeg', cam.fov_deg, 'rangeM', cam.range_m,
        'recordsStreet', cam.records_street, 'facesStreet', cam.faces_street, 'seesSpot', cam.sees_spot,
        'viewCone', cam.view_cone_geojson::jsonb, 'note', cam.note) ORDER BY cam.created_at, cam.id) FILTER (WHERE cam.id IS NOT NULL), '[]'::jsonb)) AS snapshot
  FROM canvass_entries e
  JOIN incidents i ON i.id = e.incident_id
  JOIN registrations r ON r.id = e.registration_id
  LEFT JOIN LATERAL (
    SELECT c.id, c.position, c.bearing_deg, c.fov_deg, c.range_m, c.records_street, c.note, c.view_cone_geojson, c.created_at,
      c.records_street OR (c.view_cone IS NOT NULL AND EXISTS (SELECT 1 FROM street_centerlines sc WHERE ST_Intersects(sc.geom, c.view_cone))) AS faces_street,
      c.view_cone IS NOT NULL AND ST_Intersects(c.view_cone::geometry, coalesce(i.point, i.route)::geometry) AS sees_spot
    FROM cameras c WHERE c.registration_id = r.id
  ) cam ON true
  WHERE e.snapshot IS NULL
  GROUP BY e.id, r.id) s
WHERE ce.id = s.id;
-- ==== end hand-written ====
