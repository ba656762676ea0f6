/** Reference data the geocoder and the street tests read: NG9-1-1 street centerlines and address points. */
import type { Db } from "@/db/client";
import type { LngLat } from "@/db/ewkb";
import { point } from "@/db/postgis";
import { addressPoints, streetCenterlines, type AddressPoint, type StreetCenterline } from "@/db/schema";
import { ROOSEVELT_10300 } from "./registrations";

export interface StreetOverrides {
  coordinates: LngLat[];
  /** The street name as NG9-1-1 stores it ("ROOSEVELT"), with its prefix ("W") and type ("RD"). */
  name?: string;
  preDir?: string;
  type?: string;
}

export async function createStreet(db: Db, overrides: StreetOverrides): Promise<StreetCenterline> {
  const [row] = await db
    .insert(streetCenterlines)
    .values({
      stPreDir: overrides.preDir ?? null,
      stName: overrides.name ?? "TEST",
      stPosTyp: overrides.type ?? null,
      geom: { type: "LineString", coordinates: overrides.coordinates },
      source: "test",
    })
    .returning();
  return row;
}

export interface AddressPointOverrides {
  /** The house number on W Roosevelt Rd, Westchester. */
  addNumber?: number;
  location?: LngLat;
}

export async function createAddressPoint(db: Db, overrides: AddressPointOverrides = {}): Promise<AddressPoint> {
  const [lng, lat] = overrides.location ?? [ROOSEVELT_10300.lng, ROOSEVELT_10300.lat];
  const [row] = await db
    .insert(addressPoints)
    .values({
      addNumber: overrides.addNumber ?? 10300,
      stPreDir: "W",
      stName: "ROOSEVELT",
      stPosTyp: "RD",
      city: "WESTCHESTER",
      state: "IL",
      zip: "60154",
      location: point(lng, lat),
      source: "test",
    })
    .returning();
  return row;
}
