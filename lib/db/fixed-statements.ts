import "server-only";
/**
 * A registration's statements as fixed SQL text, run on the transaction's own driver connection.
 *
 * Why: under `npm run loadtest` building the registration's one write statement with drizzle's query
 * builder (a ~45-column INSERT, its cameras, its status row and its audit entry as CTEs) was ~3% of the
 * app's CPU: drizzle walks every chunk of the statement and type-checks it on every request. The text of
 * these statements depends only on which columns are written and on the number of cameras, so it is
 * built once per shape and cached; each request only encodes its values, with each column's own drizzle
 * encoder (the same values the query builder would send). On a PostgreSQL server the statements are
 * also named (prepared once per connection), so the server parses and analyses the text once per
 * connection instead of once per registration. (A transaction-pooling proxy such as PgBouncer in
 * transaction mode would need its prepared-statement support for this; Sightline connects directly.)
 */
import crypto from "node:crypto";
import { getTableColumns, getTableName, type Column, type Table } from "drizzle-orm";
import type { Db } from "@/db/client";
import { driverClientOf } from "./driver-client";

/** A database handle or a transaction of one: what drizzle's `db.transaction(…)` passes is also a Db here. */
type Executor = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface FixedStatement {
  /** The prepared statement's name on a server connection (derived from the text, so one name is one text). */
  name: string;
  text: string;
}

const known = new Map<string, FixedStatement>();
/** Registrations have a handful of shapes (0–n cameras, a pin or not): more than this is a bug, not a cache to grow. */
const MAX_KNOWN = 64;

export function fixedStatement(text: string): FixedStatement {
  let statement = known.get(text);
  if (!statement) {
    statement = { name: `sl_${crypto.createHash("sha256").update(text).digest("hex").slice(0, 24)}`, text };
    if (known.size < MAX_KNOWN) known.set(text, statement);
  }
  return statement;
}

/**
 * Run one fixed statement with `values` ($1… in order) on `db` (a transaction: inside it); its rows as the
 * driver parsed them (timestamps as Date).
 */
export async function runFixed<R>(db: Executor, statement: FixedStatement, values: unknown[]): Promise<R[]> {
  const { client, server } = driverClientOf(db);
  const result = server ? await client.query({ name: statement.name, text: statement.text, values }) : await client.query(statement.text, values);
  return result.rows as R[];
}

/** Placeholders `$from … $(from + count - 1)`, comma-separated. */
export function placeholders(from: number, count: number, casts?: readonly string[]): string {
  return Array.from({ length: count }, (_, i) => `$${from + i}${casts?.[i] ? `::${casts[i]}` : ""}`).join(", ");
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The INSERT of `rows` into `table` for the columns the rows define (a property that is `undefined` in
 * every row is left to the column's default, as drizzle's `.values()` does; `undefined` in some rows is
 * `default` there). `params` receives the encoded values; `$n` numbering starts after what it holds.
 */
export function insertValues<T extends Table>(table: T, rows: readonly Record<string, unknown>[], params: unknown[]): string {
  const columns = getTableColumns(table) as Record<string, Column>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row).filter((k) => row[k] !== undefined)))];
  const tuples = rows.map((row) => {
    const cells = keys.map((key) => {
      const column = columns[key];
      if (!column) throw new Error(`fixed-statements: ${getTableName(table)} has no column for "${key}"`);
      const value = row[key];
      if (value === undefined) return "default";
      params.push(value === null ? null : column.mapToDriverValue(value));
      return `$${params.length}`;
    });
    return `(${cells.join(", ")})`;
  });
  return `insert into ${quoteIdent(getTableName(table))} (${keys.map((k) => quoteIdent(columns[k].name)).join(", ")}) values ${tuples.join(", ")}`;
}
