import "server-only";
/**
 * One street address (the map's address box, one registration, the public
 * address check) in ONE statement and one round trip on both databases: its
 * address points and, only when it has none, the centerline segments whose
 * range holds the number, and whether the street exactly as asked exists
 * (asked-street.ts: needed only when the query left out a direction or street
 * type, and then computed in the same statement instead of a second one).
 *
 * The statement is prepared once per connection and reuses its plan. On the
 * embedded database: PREPARE once per PGlite session, then EXECUTE with
 * literal arguments as one simple-query wire message (executeEmbedded); a
 * parameterised query costs PGlite six protocol round trips into WebAssembly
 * (parse, describe, bind, describe, execute, sync) and a new plan each time.
 * On a server: a named node-postgres query (parse once per pooled
 * connection, then bind/execute), not drizzle's query building, on a
 * connection kept across calls that follow each other (queryServer) instead
 * of a pool checkout per address. It replaced
 * two or three plain statements there (point, else centerline, then the
 * street check), each planned anew (see README "Throughput").
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { driverClientOf } from "@/lib/db/driver-client";
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

/**
 * The arguments as a one-row CTE (materialized: referenced by `x`). Every other
 * part reads them from there, never as $n, so a custom plan can fold nothing
 * and costs what the generic plan costs: the plan cache then keeps the generic
 * plan after its five trial custom plans instead of planning every call. (A
 * `case when $3 then ...` or `$7 and exists (...)` written with the parameters
 * themselves made every custom plan cheaper than the generic one, and the
 * server planned the statement at each call: 1.8x the backend CPU, measured.)
 */
const ARGUMENTS = `q as materialized (select $1::text as name, $2::int as n, $3::boolean as use_points,
  $4::text as pre, $5::text as typ, $6::text as post, $7::boolean as check_asked)`;
/**
 * The statement after its `q` (arguments) row. It answers ONE row with ONE json
 * column, [points, centerlines, askedStreetExists], each row a positional array
 * (PointFields, CenterlineFields): both drivers decode a field at a time, and
 * the 24-column union this replaced (mostly nulls) cost more to decode than
 * one JSON.parse (embedded fetch 0.85 of the time, interleaved). Numbers keep
 * their text form (shortest exact float8), so the answers are the same.
 *
 * Each layer is an ARRAY(...) sub-select over the arguments of the outer row
 * (a correlated sub-plan: Limit over the index scan), not a CTE joined to `q`
 * and then json_agg: the executor builds every node of the plan at each call
 * (all sub-plans, run or not), and that start-up was ~30% of the backend's CPU
 * for this statement (perf on the server); this plan has about half the nodes
 * and no aggregate to set up. An empty layer is `[]` (json_agg gave null); the
 * centerlines are looked up only when there are no points (`x.pts`, computed
 * once in the materialized `x`).
 */
const BODY = `x as materialized (
    select q.*, case when q.use_points then array(
      select json_build_array(p.add_number, p.add_num_suf, p.st_predir, p.st_name, p.st_postyp, p.st_posdir, p.unit, p.city, p.state,
                              p.zip, ST_X(p.location::geometry), ST_Y(p.location::geometry))
      from address_points p where p.st_name = q.name and p.add_number = q.n
      limit ${MAX_ROWS_PER_LAYER}) end as pts
    from q
  )
select json_build_array(
  x.pts,
  case when coalesce(cardinality(x.pts), 0) = 0 then array(
    select json_build_array(s.st_predir, s.st_name, s.st_postyp, s.st_posdir, s.from_addr_l, s.to_addr_l, s.from_addr_r, s.to_addr_r,
                            s.parity_l, s.parity_r, s.zip_l, s.zip_r, s.city_l, s.city_r, ST_AsGeoJSON(s.geom)::json)
    from street_centerlines s
    where s.st_name = x.name
      and ((x.n between least(s.from_addr_l, s.to_addr_l) and greatest(s.from_addr_l, s.to_addr_l))
        or (x.n between least(s.from_addr_r, s.to_addr_r) and greatest(s.from_addr_r, s.to_addr_r)))
    limit ${MAX_ROWS_PER_LAYER}) end,
  x.check_asked and (
    exists (select 1 from street_centerlines r where r.st_name = x.name and r.st_predir is not distinct from x.pre
            and r.st_posdir is not distinct from x.post and r.st_postyp is not distinct from x.typ)
    or exists (select 1 from address_points r where r.st_name = x.name and r.st_predir is not distinct from x.pre
            and r.st_posdir is not distinct from x.post and r.st_postyp is not distinct from x.typ))) as found
from x`;

/** The statement's text, the same on both databases. */
const STATEMENT = `with ${ARGUMENTS}, ${BODY}`;
/** The arguments' row and the rest, for the test that holds the rest free of parameters. */
export const ONE_ADDRESS_SQL = { arguments: ARGUMENTS, body: BODY } as const;

type PointFields = [number, string | null, string | null, string, string | null, string | null, string | null, string | null, string | null, string | null, number, number];
type CenterlineFields = [
  string | null, string, string | null, string | null, number | null, number | null, number | null, number | null,
  string | null, string | null, string | null, string | null, string | null, string | null, { coordinates: [number, number][] },
];
/** [points, centerlines, askedStreetExists]: a layer not looked up is null, one without rows [] (null before the ARRAY form). */
type Found = [PointFields[] | null, CenterlineFields[] | null, boolean | null];

/** The PGlite client (or PGlite transaction) under a drizzle database: it has exec(). */
interface EmbeddedClient {
  exec(query: string): Promise<{ rows: Record<string, unknown>[] }[]>;
}

/** The PGlite instance itself (a transaction has none of these): its wire-protocol entry, lock and transaction state. */
interface EmbeddedInstance extends EmbeddedClient {
  execProtocol(message: Uint8Array, options?: { syncToFs?: boolean }): Promise<{ messages: { name: string; fields?: (string | null)[] }[] }>;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  isInTransaction(): boolean;
}

/** node-postgres's pool (or a pool client in a transaction): a named query config is prepared once per connection. */
interface ServerClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

/** A connection checked out of node-postgres's pool. */
interface PooledClient extends ServerClient {
  release(err?: Error): void;
}

/** node-postgres's pool itself (not a transaction's client): connect() checks a connection out. */
interface ServerPool extends ServerClient {
  connect(): Promise<PooledClient>;
  readonly idleCount: number;
  ending?: boolean;
}

const isPool = (client: ServerClient): client is ServerPool => {
  const c = client as Partial<ServerPool> & { release?: unknown };
  return typeof c.connect === "function" && typeof c.release !== "function" && typeof c.idleCount === "number";
};

/** Per pool: the connection kept checked out between one-address statements that follow each other. */
interface HeldConnection {
  client: PooledClient | null;
  busy: boolean;
  releaseQueued: boolean;
}

const heldConnections = new WeakMap<ServerPool, HeldConnection>();

/**
 * The statement on a server. Through the pool, each address would check a
 * connection out and back in (pool.query: its queue, listeners and idle
 * timer, ~64 µs of Node CPU an address on a quiet machine, more than the
 * rest of the driver's work). Addresses asked one after another (the map's
 * address box, an import checking rows one by one, the bench) keep one
 * connection instead: it goes back to the pool at the end of the event-loop
 * turn in which no statement is running on it (setImmediate), so it is held
 * only while calls follow each other without a pause. A caller that finds it
 * busy (concurrent requests) goes through the pool as before; a transaction's
 * client is used as it is. A failed statement's connection is not reused (as
 * pool.query does).
 */
async function queryServer(client: ServerClient, config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }> {
  if (!isPool(client)) return client.query(config);
  let held = heldConnections.get(client);
  if (!held) heldConnections.set(client, (held = { client: null, busy: false, releaseQueued: false }));
  if (held.busy || client.ending) return client.query(config);
  held.busy = true;
  let connection: PooledClient;
  try {
    connection = held.client ??= await client.connect();
  } catch (err) {
    held.busy = false;
    throw err;
  }
  try {
    return await connection.query(config);
  } catch (err) {
    held.client = null;
    connection.release(err instanceof Error ? err : new Error(String(err)));
    throw err;
  } finally {
    held.busy = false;
    queueRelease(held);
  }
}

function queueRelease(held: HeldConnection): void {
  if (held.releaseQueued || !held.client) return;
  held.releaseQueued = true;
  setImmediate(() => {
    held.releaseQueued = false;
    // Running again: the statement's end queues the release again.
    if (held.busy || !held.client) return;
    const connection = held.client;
    held.client = null;
    connection.release();
  });
}

const isInstance = (client: EmbeddedClient): client is EmbeddedInstance => {
  const c = client as Partial<EmbeddedInstance>;
  return typeof c.execProtocol === "function" && typeof c.runExclusive === "function" && typeof c.isInTransaction === "function";
};

const encoder = new TextEncoder();

/** A simple-query ('Q') wire message: the backend answers it and then ReadyForQuery, no Sync needed. */
function simpleQuery(text: string): Uint8Array {
  const body = encoder.encode(`${text}\0`);
  const message = new Uint8Array(5 + body.length);
  message[0] = 0x51;
  new DataView(message.buffer).setInt32(1, 4 + body.length);
  message.set(body, 5);
  return message;
}

/**
 * The statement's one field on the embedded database. PGlite's exec() costs
 * ~0.1 ms a call beyond the statement (a Sync message after the query, then
 * its result decoding copies the instance's ~370 type parsers into a new
 * object), several times what this statement's own work costs; the wire
 * message through execProtocol() costs ~0.02 ms. exec() also waits for any
 * transaction another caller holds; here the query lock is taken
 * (runExclusive) and, when a transaction is open, the call goes through
 * exec() instead, so it never runs inside someone else's transaction. A
 * PGlite transaction's own client has no execProtocol() and uses exec().
 * syncToFs off: the statement writes nothing, and PGlite's default would
 * take its file-system lock after every call to flush nothing.
 */
async function executeEmbedded(client: EmbeddedClient, text: string): Promise<string | Found> {
  if (isInstance(client)) {
    const messages = await client.runExclusive(async () => (client.isInTransaction() ? null : (await client.execProtocol(simpleQuery(text), { syncToFs: false })).messages));
    const row = messages?.find((m) => m.name === "dataRow");
    if (row?.fields?.[0]) return row.fields[0];
  }
  const [result] = await client.exec(text);
  return result.rows[0].found as Found;
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
        await client.exec(`prepare ${ONE_ADDRESS_STATEMENT}(${ARGUMENT_TYPES.join(", ")}) as ${STATEMENT}`);
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
  if (!Number.isSafeInteger(address.number)) return { ...(await fetchPlain(db, address, options)), askedStreetExists: undefined };
  const s = address.street;
  const checkAsked = mayRestOnOmission(address);
  const args = [s.name, address.number, options.useAddressPoints, s.preDir, s.type, s.postDir, checkAsked] as const;
  const driver = driverClientOf(db);
  let answer: Found;
  if (!driver.server) {
    const embedded = driver.client as unknown as EmbeddedClient;
    await ensurePrepared(embedded);
    const literals = args.map((a) => (typeof a === "string" || a === null ? sqlLiteral(a) : String(a)));
    const found = await executeEmbedded(embedded, `execute ${ONE_ADDRESS_STATEMENT}(${literals.join(", ")})`);
    answer = typeof found === "string" ? (JSON.parse(found) as Found) : found;
  } else {
    answer = (await queryServer(driver.client as unknown as ServerClient, { name: ONE_ADDRESS_STATEMENT, text: STATEMENT, values: [...args] })).rows[0].found as Found;
  }
  const [points, centerlines, asked] = answer;
  return {
    points: (points ?? []).map(([add_number, add_num_suf, st_predir, st_name, st_postyp, st_posdir, unit, city, state, zip, lng, lat]) => ({
      add_number, add_num_suf, st_predir, st_name, st_postyp, st_posdir, unit, city, state, zip, lng, lat,
    })),
    centerlines: (centerlines ?? []).map(
      ([st_predir, st_name, st_postyp, st_posdir, from_addr_l, to_addr_l, from_addr_r, to_addr_r, parity_l, parity_r, zip_l, zip_r, city_l, city_r, geom]) => ({
        st_predir, st_name, st_postyp, st_posdir, from_addr_l, to_addr_l, from_addr_r, to_addr_r, parity_l, parity_r, zip_l, zip_r, city_l, city_r,
        coordinates: geom.coordinates,
      }),
    ),
    askedStreetExists: checkAsked ? asked === true : undefined,
  };
}

/**
 * A house number that is not a safe integer (never a stored one): the address
 * points, else (a second statement) the centerline segments, as plain statements.
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
