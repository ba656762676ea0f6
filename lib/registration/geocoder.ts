import "server-only";
/**
 * THE place registration gets its geocoder and address key from. Until the
 * geocoding module (issue 4) is merged this is a real but simple geocoder over
 * the agency's address_points (exact house number + street); at merge time
 * point both functions at `createGeocoder(db)` / `normalizeAddressKey` from
 * `@/lib/geocode`.
 */
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { addressPoints } from "@/db/schema";
import type { AddressInput, GeocodeAnswer, Geocoder } from "@/lib/geocode/types";
import { normalizeAddressKey as simpleNormalizeAddressKey, normalizeWords } from "./normalize-address";

export const normalizeAddressKey = simpleNormalizeAddressKey;

const DIRECTIONS = new Set(["N", "S", "E", "W"]);

export function registrationGeocoder(db: Db): Geocoder {
  return {
    name: "local:address_points",
    async geocode(query: string | AddressInput): Promise<GeocodeAnswer> {
      const line1 = typeof query === "string" ? query : query.line1;
      const words = normalizeWords(line1).split(" ");
      const number = Number(words.shift());
      if (!Number.isInteger(number)) return { found: false, suggestions: [], reason: "no house number" };
      const preDir = DIRECTIONS.has(words[0] ?? "") && words.length > 1 ? words.shift()! : null;
      // The last word may be a suffix (RD, ST…); match the name with or without it.
      const full = words.join(" ");
      const withoutSuffix = words.length > 1 ? words.slice(0, -1).join(" ") : full;
      const suffix = words.length > 1 ? words[words.length - 1] : null;
      const rows = await db
        .select({
          lat: sql<number>`ST_Y(${addressPoints.location}::geometry)`,
          lng: sql<number>`ST_X(${addressPoints.location}::geometry)`,
          addNumber: addressPoints.addNumber,
          stPreDir: addressPoints.stPreDir,
          stName: addressPoints.stName,
          stPosTyp: addressPoints.stPosTyp,
          city: addressPoints.city,
          state: addressPoints.state,
          zip: addressPoints.zip,
        })
        .from(addressPoints)
        .where(
          and(
            eq(addressPoints.addNumber, number),
            or(
              eq(addressPoints.stName, full),
              suffix ? and(eq(addressPoints.stName, withoutSuffix), eq(addressPoints.stPosTyp, suffix)) : undefined,
            ),
            preDir ? or(eq(addressPoints.stPreDir, preDir), isNull(addressPoints.stPreDir)) : undefined,
          ),
        )
        .limit(1);
      const row = rows[0];
      if (!row) return { found: false, suggestions: [], reason: "no matching address point" };
      const street = [row.addNumber, row.stPreDir, row.stName, row.stPosTyp].filter(Boolean).join(" ");
      return {
        found: true,
        lat: Number(row.lat),
        lng: Number(row.lng),
        matchedAddress: [street, row.city, [row.state, row.zip].filter(Boolean).join(" ")].filter(Boolean).join(", "),
        method: "address_point",
        confidence: 1,
        source: "local:address_points",
      };
    },
  };
}
