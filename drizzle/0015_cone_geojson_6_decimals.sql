ALTER TABLE "cameras" drop column "view_cone_geojson";--> statement-breakpoint
ALTER TABLE "cameras" ADD COLUMN "view_cone_geojson" text GENERATED ALWAYS AS (ST_AsGeoJSON(view_cone, 6)) STORED;--> statement-breakpoint
CREATE INDEX "street_centerlines_geom_planar_gist" ON "street_centerlines" USING gist (("geom"::geometry));