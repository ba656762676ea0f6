-- Issue 18: the radius search's own work over its floor (the bare ST_DWithin). The search answers every found site's
-- cameras as text and whether the site faces the street; both were worked out per site and per search: printing the
-- jsonb value (jsonb_out, ~1/3 of the statement's time at the 1M density) and two jsonb containments. Now:
--  * search_cameras is stored as json, i.e. as text: migration 0016's triggers still build it with jsonb functions,
--    and the assignment cast stores jsonb's text (the very text `search_cameras::text` answered before), so the
--    search's `::text` is free and every reader parses the same JSON;
--  * faces_street is a stored generated column, worked out by PostgreSQL on every write of the row (the triggers'
--    rewrite of search_cameras, an owner changing records_street_traffic), never stale, and read, not computed, by
--    the search.
-- One ALTER TABLE, so the table is rewritten once; existing rows get both from their own search_cameras.
ALTER TABLE "registrations"
  ALTER COLUMN "search_cameras" DROP DEFAULT,
  ALTER COLUMN "search_cameras" SET DATA TYPE json USING "search_cameras"::json,
  ALTER COLUMN "search_cameras" SET DEFAULT '[]'::json,
  ADD COLUMN "faces_street" boolean GENERATED ALWAYS AS (records_street_traffic or search_cameras::jsonb @> '[{"recordsStreet": true}]' or search_cameras::jsonb @> '[{"coneCrossesStreet": true}]') STORED NOT NULL;
