import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { geographyLineString, geographyPoint } from "../postgis";

/**
 * Geocoding reference data the agency owns, in the NENA NG9-1-1 GIS model:
 * address points and road centerlines with left/right address ranges.
 * Street-name parts are stored normalized (upper case, USPS abbreviations).
 */
export const addressPoints = pgTable(
  "address_points",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    addNumber: integer("add_number").notNull(),
    addNumSuf: text("add_num_suf"),
    stPreDir: text("st_predir"),
    stName: text("st_name").notNull(),
    stPosTyp: text("st_postyp"),
    stPosDir: text("st_posdir"),
    unit: text("unit"),
    city: text("city"),
    state: text("state"),
    zip: text("zip"),
    location: geographyPoint("location").notNull(),
    source: text("source").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("address_points_location_gist").using("gist", t.location),
    index("address_points_street_number_idx").on(t.stName, t.addNumber),
    index("address_points_st_name_trgm").using("gin", sql`${t.stName} gin_trgm_ops`),
  ],
);

export const streetCenterlines = pgTable(
  "street_centerlines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stPreDir: text("st_predir"),
    stName: text("st_name").notNull(),
    stPosTyp: text("st_postyp"),
    stPosDir: text("st_posdir"),
    fromAddrL: integer("from_addr_l"),
    toAddrL: integer("to_addr_l"),
    fromAddrR: integer("from_addr_r"),
    toAddrR: integer("to_addr_r"),
    /** O (odd), E (even), B (both) or Z (none), as in NG9-1-1. */
    parityL: text("parity_l"),
    parityR: text("parity_r"),
    zipL: text("zip_l"),
    zipR: text("zip_r"),
    cityL: text("city_l"),
    cityR: text("city_r"),
    geom: geographyLineString("geom").notNull(),
    source: text("source").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("street_centerlines_geom_gist").using("gist", t.geom),
    /**
     * The planar index behind the search's coneCrossesStreet test (lib/investigation/find-sites.ts):
     * a cone of ≤ 500 m against a street is decided in lng/lat, which measured faster than the
     * geography ST_Intersects on a county's ~125k segments (docs/benchmarks.md).
     */
    index("street_centerlines_geom_planar_gist").using("gist", sql`(${t.geom}::geometry)`),
    index("street_centerlines_st_name_idx").on(t.stName),
    index("street_centerlines_st_name_trgm").using("gin", sql`${t.stName} gin_trgm_ops`),
  ],
);

export type AddressPoint = typeof addressPoints.$inferSelect;
export type StreetCenterline = typeof streetCenterlines.$inferSelect;
