import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { ParsedStreetAddress } from "../parse";
import { queryRows } from "./rows";

/** More rows than this for one street and number means the reference data is broken, not the query. */
const MAX_ROWS_PER_LAYER = 200;
/** A literal, not a parameter: the planner then knows it. */
const ROW_LIMIT = sql.raw(String(MAX_ROWS_PER_LAYER));

export interface AddressPointRow {
  add_number: number;
  add_num_suf: string | null;
  st_predir: string | null;
  st_name: string;
  st_postyp: string | null;
  st_posdir: string | null;
  unit: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  lng: number;
  lat: number;
}

export interface CenterlineRow {
  st_predir: string | null;
  st_name: string;
  st_postyp: string | null;
  st_posdir: string | null;
  from_addr_l: number | null;
  to_addr_l: number | null;
  from_addr_r: number | null;
  to_addr_r: number | null;
  parity_l: string | null;
  parity_r: string | null;
  zip_l: string | null;
  zip_r: string | null;
  city_l: string | null;
  city_r: string | null;
  /** GeoJSON LineString coordinates. */
  coordinates: [number, number][];
}

export interface StreetCandidates {
  points: AddressPointRow[];
  centerlines: CenterlineRow[];
  /** Whether the street exactly as asked exists (set by the one-address statement when the query left out a direction or type). */
  askedStreetExists?: boolean;
}

export type CenterlineData = Omit<CenterlineRow, "coordinates"> & { geom: { coordinates: [number, number][] } | string };

type CandidateRow = { i: number; layer: "point"; data: AddressPointRow } | { i: number; layer: "centerline"; data: CenterlineData };

export const POINT_COLUMNS = sql.raw(`add_number, add_num_suf, st_predir, st_name, st_postyp, st_posdir, unit, city, state, zip,
  ST_X(location::geometry) as lng, ST_Y(location::geometry) as lat`);
export const CENTERLINE_COLUMNS = sql.raw(`st_predir, st_name, st_postyp, st_posdir, from_addr_l, to_addr_l, from_addr_r, to_addr_r,
  parity_l, parity_r, zip_l, zip_r, city_l, city_r, ST_AsGeoJSON(geom)::json as geom`);
/** The left or the right range holds the number (either digitizing direction); parity is checked in JS. */
export const rangeHolds = (n: SQL) =>
  sql`((${n} between least(from_addr_l, to_addr_l) and greatest(from_addr_l, to_addr_l))
    or (${n} between least(from_addr_r, to_addr_r) and greatest(from_addr_r, to_addr_r)))`;

export function toCenterlineRow({ geom, ...rest }: CenterlineData): CenterlineRow {
  const parsed = typeof geom === "string" ? (JSON.parse(geom) as { coordinates: [number, number][] }) : geom;
  return { ...rest, coordinates: parsed.coordinates };
}

/**
 * Steps 1 and 2 for a batch of street addresses: the address points with each
 * street name and number and, only for addresses that have none, the
 * centerline segments whose left or right range holds the number, in ONE
 * statement (a round trip to the embedded database costs as much as the
 * lookups themselves). Indexes used: address_points (st_name, add_number) and
 * street_centerlines (st_name). One address goes through one-address.ts
 * instead: measured on both databases, planning this batch statement costs
 * more than it saves for one.
 */
export async function fetchStreetCandidates(
  db: Db,
  addresses: ParsedStreetAddress[],
  options: { useAddressPoints: boolean },
): Promise<StreetCandidates[]> {
  if (addresses.length === 0) return [];
  return fetchMany(db, addresses, options);
}

/** The queries travel as one JSON parameter, which both drivers pass the same way. */
async function fetchMany(db: Db, addresses: ParsedStreetAddress[], options: { useAddressPoints: boolean }): Promise<StreetCandidates[]> {
  const found: StreetCandidates[] = addresses.map(() => ({ points: [], centerlines: [] }));
  const queries = JSON.stringify(addresses.map((a, i) => ({ i, name: a.street.name, n: a.number })));
  const pointsFilter = options.useAddressPoints ? sql`true` : sql`false`;
  const rows = await queryRows<CandidateRow>(
    db,
    sql`with q as (
          select * from jsonb_to_recordset(${queries}::jsonb) as q(i int, name text, n int)
        ),
        points as (
          select q.i, p.* from q cross join lateral (
            select ${POINT_COLUMNS} from address_points
            where ${pointsFilter} and st_name = q.name and add_number = q.n
            limit ${ROW_LIMIT}
          ) p
        ),
        lines as (
          select q.i, c.* from q cross join lateral (
            select ${CENTERLINE_COLUMNS} from street_centerlines
            where st_name = q.name and ${rangeHolds(sql`q.n`)}
            limit ${ROW_LIMIT}
          ) c
          where not exists (select 1 from points where points.i = q.i)
        )
        select i, 'point' as layer, to_jsonb(points) - 'i' as data from points
        union all
        select i, 'centerline' as layer, to_jsonb(lines) - 'i' as data from lines`,
  );
  for (const row of rows) {
    const bucket = found[Number(row.i)];
    const data = typeof row.data === "string" ? JSON.parse(row.data) : row.data;
    if (row.layer === "point") bucket.points.push(data as AddressPointRow);
    else bucket.centerlines.push(toCenterlineRow(data as CenterlineData));
  }
  return found;
}
