import "server-only";
/**
 * One street address (the map's address box, one registration, the public
 * address check) on the embedded database in ONE statement: its address points and, only when it has
 * none, the centerline segments whose range holds the number, and whether the
 * street exactly as asked exists (asked-street.ts: needed only when the query
 * left out a direction or street type, and then computed in the same
 * statement instead of a second one).
 *
 * On the embedded database the statement is prepared once per PGlite session
 * (PREPARE) and run as EXECUTE with literal arguments through PGlite's simple
 * query protocol. A parameterised query costs PGlite six protocol round trips
 * into WebAssembly (parse, describe, bind, describe, execute, sync) and a new
 * plan each time; EXECUTE costs one round trip and reuses the plan. Measured
 * per statement, interleaved on one scratch database: 0.38 of the time of the
 * plain parameterised point lookup (see README "Throughput"). On a server the
 * address goes as one or two plain statements (fetchPlain) and the street
 * check as a third when needed: the server plans each statement it is sent,
 * and this one, sent parameterised, measured slower there (interleaved runs,
 * 46 and 44 / s against 64 and 112 / s at nice 19, load 10-12).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { ParsedStreetAddress } from "../parse";
import { queryRows } from "./rows";
import {
  CENTERLINE_COLUMNS,
  POINT_COLUMNS,
  rangeHolds,
  toCenterlineRow,
  type AddressPointRow,
  type CenterlineData,
  type StreetCandidates,
} from "./street-candidates";

/** More rows than this for one street and number means the reference data is broken, not the query. */
const MAX_ROWS_PER_LAYER = 200;
/** A literal, not a parameter: the planner then knows it when planning each plain statement. */
const ROW_LIMIT = sql.raw(String(MAX_ROWS_PER_LAYER));

export const ONE_ADDRESS_STATEMENT = "sightline_geocode_one_address";

/**
 * The arguments, in order: street name, number, whether to use address points,
 * the asked pre-direction, street type and post-direction, and whether to check
 * that the asked street exists by itself.
 */
const ARGUMENT_TYPES = ["text", "int", "boolean", "text", "text", "text", "boolean"] as const;

/** Both layers in one row shape: `layer` says which columns are filled ('asked' rows carry none). */
const ARGUMENTS_EMBEDDED = `q as (select $1::text as name, $2::int as n, $3::boolean as use_points,
  $4::text as pre, $5::text as typ, $6::text as post, $7::boolean as check_asked)`;
/** The statement after its `q` (arguments) row. */
const BODY = `pts as materialized (
    select p.add_number, p.add_num_suf, p.st_predir, p.st_name, p.st_postyp, p.st_posdir, p.unit, p.city, p.state, p.zip,
           ST_X(p.location::geometry) as lng, ST_Y(p.location::geometry) as lat
    from q join address_points p on p.st_name = q.name and p.add_number = q.n
    where q.use_points
    limit ${MAX_ROWS_PER_LAYER}
  )
select 'point'::text as layer, st_predir, st_name, st_postyp, st_posdir,
       add_number, add_num_suf, unit, city, state, zip, lng, lat,
       null::int as from_addr_l, null::int as to_addr_l, null::int as from_addr_r, null::int as to_addr_r,
       null::text as parity_l, null::text as parity_r, null::text as zip_l, null::text as zip_r,
       null::text as city_l, null::text as city_r, null::json as geom
from pts
union all
select 'centerline', c.st_predir, c.st_name, c.st_postyp, c.st_posdir,
       null, null, null, null, null, null, null, null,
       c.from_addr_l, c.to_addr_l, c.from_addr_r, c.to_addr_r, c.parity_l, c.parity_r, c.zip_l, c.zip_r, c.city_l, c.city_r,
       ST_AsGeoJSON(c.geom)::json
from (
  select s.* from q join street_centerlines s on s.st_name = q.name
  where not exists (select 1 from pts)
    and ((q.n between least(s.from_addr_l, s.to_addr_l) and greatest(s.from_addr_l, s.to_addr_l))
      or (q.n between least(s.from_addr_r, s.to_addr_r) and greatest(s.from_addr_r, s.to_addr_r)))
  limit ${MAX_ROWS_PER_LAYER}
) c
union all
select 'asked', null, null, null, null, null, null, null, null, null, null, null, null,
       null, null, null, null, null, null, null, null, null, null, null
from q
where q.check_asked and (
  exists (select 1 from street_centerlines r where r.st_name = q.name and r.st_predir is not distinct from q.pre
          and r.st_posdir is not distinct from q.post and r.st_postyp is not distinct from q.typ)
  or exists (select 1 from address_points r where r.st_name = q.name and r.st_predir is not distinct from q.pre
          and r.st_posdir is not distinct from q.post and r.st_postyp is not distinct from q.typ))`;

type Row = { layer: "point" | "centerline" | "asked" } & AddressPointRow & CenterlineData;

/** The PGlite client (or PGlite transaction) under a drizzle database, or null on a server. */
interface EmbeddedClient {
  exec(query: string): Promise<{ rows: Record<string, unknown>[] }[]>;
}

function embeddedClientOf(db: Db): EmbeddedClient | null {
  // drizzle keeps its driver's client on the session; only PGlite's (instance or transaction) has exec().
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client as Partial<EmbeddedClient> | undefined;
  return client && typeof client.exec === "function" ? (client as EmbeddedClient) : null;
}

/** A string as an SQL literal (PostgreSQL's quote_literal rules: E'' with doubled backslashes when it has any). */
export function sqlLiteral(value: string | null): string {
  if (value === null) return "null";
  if (value.includes("\u0000")) throw new Error("text with a NUL character cannot be sent to the database");
  const quoted = value.replace(/'/g, "''");
  return value.includes("\\") ? `E'${quoted.replace(/\\/g, "\\\\")}'` : `'${quoted}'`;
}

/** Per PGlite instance or transaction: the statement is there (a promise, so concurrent first calls prepare it once). */
const prepared = new WeakMap<object, Promise<void>>();

function ensurePrepared(client: EmbeddedClient): Promise<void> {
  let ready = prepared.get(client);
  if (!ready) {
    ready = (async () => {
      // PREPARE outlives the transaction it ran in (it is not transactional), so a transaction's client may find it there.
      const [existing] = await client.exec(`select 1 from pg_prepared_statements where name = '${ONE_ADDRESS_STATEMENT}'`);
      if (existing.rows.length === 0) {
        await client.exec(`prepare ${ONE_ADDRESS_STATEMENT}(${ARGUMENT_TYPES.join(", ")}) as with ${ARGUMENTS_EMBEDDED}, ${BODY}`);
      }
    })();
    prepared.set(client, ready);
    ready.catch(() => prepared.delete(client));
  }
  return ready;
}

/** Whether the answer may rest on a direction or street type the query left out (asked-street.ts). */
const mayRestOnOmission = (address: ParsedStreetAddress) => (!address.street.preDir && !address.street.postDir) || !address.street.type;

export async function fetchOneAddress(
  db: Db,
  address: ParsedStreetAddress,
  options: { useAddressPoints: boolean },
): Promise<StreetCandidates & { askedStreetExists: boolean | undefined }> {
  const s = address.street;
  const checkAsked = mayRestOnOmission(address);
  const args = [s.name, address.number, options.useAddressPoints, s.preDir, s.type, s.postDir, checkAsked] as const;
  const client = embeddedClientOf(db);
  // A server plans every statement it is sent: there the two plain statements measured faster than this one.
  if (!client || !Number.isSafeInteger(address.number)) return { ...(await fetchPlain(db, address, options)), askedStreetExists: undefined };
  await ensurePrepared(client);
  const literals = args.map((a) => (typeof a === "string" || a === null ? sqlLiteral(a) : String(a)));
  const [result] = await client.exec(`execute ${ONE_ADDRESS_STATEMENT}(${literals.join(", ")})`);
  const rows = result.rows as unknown as Row[];
  const found: StreetCandidates & { askedStreetExists: boolean | undefined } = {
    points: [],
    centerlines: [],
    askedStreetExists: checkAsked ? false : undefined,
  };
  for (const { layer, ...row } of rows) {
    if (layer === "asked") found.askedStreetExists = true;
    else if (layer === "point") {
      const { add_number, add_num_suf, st_predir, st_name, st_postyp, st_posdir, unit, city, state, zip, lng, lat } = row;
      found.points.push({ add_number, add_num_suf, st_predir, st_name, st_postyp, st_posdir, unit, city, state, zip, lng, lat });
    } else {
      const { st_predir, st_name, st_postyp, st_posdir, from_addr_l, to_addr_l, from_addr_r, to_addr_r, parity_l, parity_r, zip_l, zip_r, city_l, city_r, geom } = row;
      found.centerlines.push(
        toCenterlineRow({ st_predir, st_name, st_postyp, st_posdir, from_addr_l, to_addr_l, from_addr_r, to_addr_r, parity_l, parity_r, zip_l, zip_r, city_l, city_r, geom }),
      );
    }
  }
  return found;
}


/**
 * On a server: the address points, else (a second statement) the centerline
 * segments; asked-street.ts's check stays a statement of its own.
 */
async function fetchPlain(db: Db, address: ParsedStreetAddress, options: { useAddressPoints: boolean }): Promise<StreetCandidates> {
  const name = address.street.name;
  const n = address.number;
  const points = options.useAddressPoints
    ? await queryRows<AddressPointRow>(
        db,
        sql`select ${POINT_COLUMNS} from address_points
            where st_name = ${name} and add_number = ${n} limit ${ROW_LIMIT}`,
      )
    : [];
  if (points.length > 0) return { points, centerlines: [] };
  const centerlines = await queryRows<CenterlineData>(
    db,
    sql`select ${CENTERLINE_COLUMNS} from street_centerlines
        where st_name = ${name} and ${rangeHolds(sql`${n}::int`)} limit ${ROW_LIMIT}`,
  );
  return { points: [], centerlines: centerlines.map(toCenterlineRow) };
}
