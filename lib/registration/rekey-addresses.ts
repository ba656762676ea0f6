import "server-only";
/**
 * Registrations written before the address key was unified (issue 5) carry
 * an older key ("10300 W ROOSEVELT RD|2|60154", or the geocoder's old one
 * with the city): they would not be found as the same address again. This
 * recomputes every stored key from the stored address with today's key
 * function and rewrites only the ones that differ. Idempotent; run by
 * `npm run registrations:maintenance`. The key is derived data, not a change
 * by anyone, so updatedAt is left alone and nothing is audited.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { registrations } from "@/db/schema";
import { normalizeAddressKey } from "@/lib/geocode/address-key";

export async function rekeyRegistrationAddresses(db: Db): Promise<{ checked: number; rekeyed: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: registrations.id,
        line1: registrations.addressLine1,
        unit: registrations.addressUnit,
        city: registrations.addressCity,
        state: registrations.addressState,
        zip: registrations.addressZip,
        key: registrations.addressNormalized,
      })
      .from(registrations);
    let rekeyed = 0;
    for (const row of rows) {
      const key = normalizeAddressKey({ line1: row.line1, unit: row.unit, city: row.city, state: row.state, zip: row.zip });
      if (key === row.key) continue;
      await tx.update(registrations).set({ addressNormalized: key }).where(eq(registrations.id, row.id));
      rekeyed++;
    }
    return { checked: rows.length, rekeyed };
  });
}
