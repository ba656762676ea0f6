ALTER TABLE "registrations" ADD COLUMN "search_cameras" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cameras" ADD COLUMN "cone_crosses_street" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Issue 18: a radius search answered by one GiST scan of registrations. Each site carries its cameras as the
-- search answers them (registrations.search_cameras) and each camera whether its cone crosses a street
-- (cameras.cone_crosses_street, planar on lng/lat as lib/investigation/find-sites.ts tests cones). Both are
-- kept here, by triggers, in the transaction that writes the cameras or the streets: no write path in the app
-- has to remember them, and they are never stale.
--
-- One camera as the search answers it. The cone's apex is the camera's own point, else the site's (as
-- lib/investigation/refresh-view-cones.ts builds it); null when there is no stored cone.
CREATE FUNCTION camera_search_entry(c cameras, site geography) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', c.id, 'position', c.position, 'bearingDeg', c.bearing_deg, 'fovDeg', c.fov_deg, 'rangeM', c.range_m,
    'recordsStreet', c.records_street, 'coneCrossesStreet', c.cone_crosses_street, 'note', c.note,
    'coneOrigin', CASE WHEN c.view_cone IS NULL OR coalesce(c.location, site) IS NULL THEN NULL
      ELSE jsonb_build_array(ST_X(coalesce(c.location, site)::geometry), ST_Y(coalesce(c.location, site)::geometry)) END)
$$;
--> statement-breakpoint
-- Rebuild search_cameras of the given registrations, cameras in the owner's order (creation time, then id).
CREATE FUNCTION refresh_search_cameras(ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE registrations r SET search_cameras = coalesce(
    (SELECT jsonb_agg(camera_search_entry(c, r.location) ORDER BY c.created_at, c.id) FROM cameras c WHERE c.registration_id = r.id),
    '[]'::jsonb)
  WHERE r.id = ANY(ids)
$$;
--> statement-breakpoint
CREATE FUNCTION cameras_set_cone_crosses_street() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.cone_crosses_street := NEW.view_cone IS NOT NULL AND EXISTS (
    SELECT 1 FROM street_centerlines s WHERE ST_Intersects(s.geom::geometry, NEW.view_cone::geometry));
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- After any camera statement: the registrations it touched get their search_cameras rebuilt (once per statement,
-- set-based, so a bulk insert of many sites' cameras costs one UPDATE, not one per camera).
CREATE FUNCTION cameras_refresh_search_cameras() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_search_cameras(ARRAY(SELECT DISTINCT registration_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_search_cameras(ARRAY(SELECT DISTINCT registration_id FROM old_rows));
  ELSE
    PERFORM refresh_search_cameras(ARRAY(SELECT registration_id FROM new_rows UNION SELECT registration_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A site that moves: a camera without its own point has its cone's apex at the site.
CREATE FUNCTION registrations_refresh_own_search_cameras() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_cameras := coalesce(
    (SELECT jsonb_agg(camera_search_entry(c, NEW.location) ORDER BY c.created_at, c.id) FROM cameras c WHERE c.registration_id = NEW.id),
    '[]'::jsonb);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Streets inserted, changed or deleted: the cameras whose cones cross a changed segment (before or after the
-- change) are tested again against the whole table; only answers that change are written.
CREATE FUNCTION refresh_cone_crossing(segments geography[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE cameras c SET cone_crosses_street = NOT c.cone_crosses_street
  WHERE c.id IN (
      SELECT c2.id FROM unnest(segments) g JOIN cameras c2 ON c2.view_cone && g
      WHERE ST_Intersects(g::geometry, c2.view_cone::geometry))
    AND c.cone_crosses_street IS DISTINCT FROM EXISTS (
      SELECT 1 FROM street_centerlines s WHERE ST_Intersects(s.geom::geometry, c.view_cone::geometry))
$$;
--> statement-breakpoint
CREATE FUNCTION street_centerlines_refresh_cone_crossing() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_cone_crossing(ARRAY(SELECT geom FROM new_rows WHERE geom IS NOT NULL));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_cone_crossing(ARRAY(SELECT geom FROM old_rows WHERE geom IS NOT NULL));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM refresh_cone_crossing(ARRAY(SELECT geom FROM new_rows WHERE geom IS NOT NULL UNION ALL SELECT geom FROM old_rows WHERE geom IS NOT NULL));
  ELSE -- TRUNCATE: no street is left to cross.
    UPDATE cameras SET cone_crosses_street = false WHERE cone_crosses_street;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Existing rows, before the triggers exist (so the backfill does not cascade row by row).
UPDATE cameras c SET cone_crosses_street = true
WHERE c.view_cone IS NOT NULL AND EXISTS (SELECT 1 FROM street_centerlines s WHERE ST_Intersects(s.geom::geometry, c.view_cone::geometry));
--> statement-breakpoint
UPDATE registrations r SET search_cameras = s.cameras
FROM (SELECT c.registration_id, jsonb_agg(camera_search_entry(c, r2.location) ORDER BY c.created_at, c.id) AS cameras
      FROM cameras c JOIN registrations r2 ON r2.id = c.registration_id GROUP BY c.registration_id) s
WHERE r.id = s.registration_id;
--> statement-breakpoint
CREATE TRIGGER cameras_cone_crosses_street BEFORE INSERT OR UPDATE OF view_cone ON cameras
  FOR EACH ROW EXECUTE FUNCTION cameras_set_cone_crosses_street();
--> statement-breakpoint
CREATE TRIGGER cameras_search_cameras_insert AFTER INSERT ON cameras
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cameras_refresh_search_cameras();
--> statement-breakpoint
CREATE TRIGGER cameras_search_cameras_update AFTER UPDATE ON cameras
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cameras_refresh_search_cameras();
--> statement-breakpoint
CREATE TRIGGER cameras_search_cameras_delete AFTER DELETE ON cameras
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cameras_refresh_search_cameras();
--> statement-breakpoint
CREATE TRIGGER registrations_search_cameras_location BEFORE UPDATE OF location ON registrations
  FOR EACH ROW EXECUTE FUNCTION registrations_refresh_own_search_cameras();
--> statement-breakpoint
CREATE TRIGGER street_centerlines_cone_crossing_insert AFTER INSERT ON street_centerlines
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION street_centerlines_refresh_cone_crossing();
--> statement-breakpoint
CREATE TRIGGER street_centerlines_cone_crossing_update AFTER UPDATE ON street_centerlines
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION street_centerlines_refresh_cone_crossing();
--> statement-breakpoint
CREATE TRIGGER street_centerlines_cone_crossing_delete AFTER DELETE ON street_centerlines
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION street_centerlines_refresh_cone_crossing();
--> statement-breakpoint
CREATE TRIGGER street_centerlines_cone_crossing_truncate AFTER TRUNCATE ON street_centerlines
  FOR EACH STATEMENT EXECUTE FUNCTION street_centerlines_refresh_cone_crossing();
