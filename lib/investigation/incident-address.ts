import "server-only";
/**
 * The incident's address from its pin: the nearest loaded address point
 * (NG9-1-1 / county address points) within NEAREST_ADDRESS_M, written as
 * "near 10300 W Roosevelt Rd, Westchester" because a pin is rarely on a door.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { LngLat } from "@/db/ewkb";
import { geographyPointSql, withinMeters } from "@/lib/geo/spatial-sql";

type Executor = Pick<Db, "execute">;

export const NEAREST_ADDRESS_M = 80;

const titleCase = (s: string | null) => (s ? s.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase()) : null);

export async function addressNearPin(db: Executor, [lng, lat]: LngLat): Promise<string | null> {
  const pin = geographyPointSql(lng, lat);
  const result = await db.execute(sql`
    select add_number, add_num_suf, st_predir, st_name, st_postyp, st_posdir, city
    from address_points a
    where ${withinMeters(sql`a.location`, pin, NEAREST_ADDRESS_M)}
    order by a.location <-> ${pin}
    limit 1`);
  const row = result.rows[0] as
    | { add_number: number; add_num_suf: string | null; st_predir: string | null; st_name: string; st_postyp: string | null; st_posdir: string | null; city: string | null }
    | undefined;
  if (!row) return null;
  const street = [row.st_predir, titleCase(row.st_name), titleCase(row.st_postyp), row.st_posdir].filter(Boolean).join(" ");
  return `near ${row.add_number}${row.add_num_suf ?? ""} ${street}${row.city ? `, ${titleCase(row.city)}` : ""}`;
}
