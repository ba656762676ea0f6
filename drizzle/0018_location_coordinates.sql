-- Issue 18: the radius search's own work over its floor (the bare ST_DWithin). Per found site the search cast the
-- location to geometry twice for its longitude and latitude, and measured its distance from the incident point with
-- the spheroid ST_Distance (a geodesic inverse per site, ~1 us, the largest cost over the floor). Now each
-- registration stores, worked out by PostgreSQL from `location` on every write (stored generated columns, never
-- stale, nothing else writes them):
--  * location_lng / location_lat: ST_X / ST_Y of the location, exactly;
--  * location_ecef_x / _y / _z: the location in Earth-centred, Earth-fixed metres on the WGS 84 ellipsoid
--    (lib/geo/ecef.ts, ecefOf: the same formula), from which the search works out the geodesic distance to the
--    incident point from the straight line between them (to about a micrometre of ST_Distance; ecef.ts says why).
-- One ALTER TABLE, so the table is rewritten once; existing rows get the columns from their own location.
ALTER TABLE "registrations"
  ADD COLUMN "location_lng" double precision GENERATED ALWAYS AS (ST_X(location::geometry)) STORED,
  ADD COLUMN "location_lat" double precision GENERATED ALWAYS AS (ST_Y(location::geometry)) STORED,
  ADD COLUMN "location_ecef_x" double precision GENERATED ALWAYS AS (6378137 / sqrt(1 - 0.0066943799901413165 * sin(radians(ST_Y(location::geometry))) ^ 2) * cos(radians(ST_Y(location::geometry))) * cos(radians(ST_X(location::geometry)))) STORED,
  ADD COLUMN "location_ecef_y" double precision GENERATED ALWAYS AS (6378137 / sqrt(1 - 0.0066943799901413165 * sin(radians(ST_Y(location::geometry))) ^ 2) * cos(radians(ST_Y(location::geometry))) * sin(radians(ST_X(location::geometry)))) STORED,
  ADD COLUMN "location_ecef_z" double precision GENERATED ALWAYS AS (6378137 / sqrt(1 - 0.0066943799901413165 * sin(radians(ST_Y(location::geometry))) ^ 2) * 0.9933056200098587 * sin(radians(ST_Y(location::geometry)))) STORED;
