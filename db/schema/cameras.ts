import { sql } from "drizzle-orm";
import { boolean, index, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { geographyPoint, geographyPolygon } from "../postgis";
import { cameraPosition } from "./enums";
import { registrations } from "./registrations";

/**
 * One camera of a registration. `viewCone` is derived from bearing, field of
 * view and range (lib/investigation) and rewritten whenever those change; it
 * stays null when the bearing is unknown rather than inventing a direction.
 */
export const cameras = pgTable(
  "cameras",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    position: cameraPosition("position").notNull(),
    location: geographyPoint("location"),
    bearingDeg: real("bearing_deg"),
    fovDeg: real("fov_deg"),
    rangeM: real("range_m"),
    recordsStreet: boolean("records_street").notNull().default(false),
    viewCone: geographyPolygon("view_cone"),
    /**
     * The cone as the investigation answers it: ST_AsGeoJSON's text, kept by
     * PostgreSQL itself (no write path changes), so a radius search reads ~700
     * stored texts instead of formatting each cone again. 6 decimals (~0.1 m,
     * migration 0015; 9 before): what a map or a canvass sheet can show, and
     * a fifth fewer bytes per cone in every answer.
     */
    viewConeGeojson: text("view_cone_geojson").generatedAlwaysAs(sql`ST_AsGeoJSON(view_cone, 6)`),
    note: text("note"),
    /**
     * The view cone crosses a known street centerline, tested planar on lng/lat as the search tests cones
     * (lib/investigation/find-sites.ts). Kept by PostgreSQL (migration 0016): set on every camera write and
     * recomputed for the cameras near any street_centerlines row inserted, changed or deleted.
     */
    coneCrossesStreet: boolean("cone_crosses_street").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("cameras_registration_idx").on(t.registrationId), index("cameras_view_cone_gist").using("gist", t.viewCone)],
);

export type Camera = typeof cameras.$inferSelect;
export type NewCamera = typeof cameras.$inferInsert;
