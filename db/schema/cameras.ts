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
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("cameras_registration_idx").on(t.registrationId), index("cameras_view_cone_gist").using("gist", t.viewCone)],
);

export type Camera = typeof cameras.$inferSelect;
export type NewCamera = typeof cameras.$inferInsert;
