import "server-only";
/**
 * One statement whose rows are answered as soon as the server has sent them all, and whose commit is
 * answered on its own (issue 18): a search with its audit entry as a data-modifying CTE (find-sites.ts,
 * findSitesRecorded) can then be ranked and made into its answer while the server makes the entry durable,
 * and the answer still leaves only once the commit is confirmed (the caller awaits `committed`).
 *
 * Why: node-postgres sends a statement with parameters as Parse, Bind, Describe, Execute, Sync. The server
 * runs the statement at Execute and commits its implicit transaction at Sync (the WAL flush), and it sends
 * what it has buffered, the last rows and CommandComplete among them, only with the ReadyForQuery after the
 * commit. So the client saw the rows complete only after the WAL flush (~0.5 ms on a quiet disk, 4–5 ms when
 * other databases' writes share it) and only then spent ~1.3 ms ranking them. Here a Flush goes between Execute
 * and Sync: the server sends everything up to CommandComplete before it reads the Sync, then commits, then
 * sends ReadyForQuery, which resolves `committed` (an error at commit, or anywhere, rejects it).
 *
 * Built on node-postgres's extension point for query objects (a `submit(connection)` object, the one
 * pg-cursor and pg-query-stream use) and the connection's protocol messages. Row values are parsed as
 * drizzle's node-postgres driver has them parsed (its `getTypeParser`: timestamps and dates, intervals and
 * their arrays as text, everything else with pg's parsers), so the rows are what `db.execute` answered.
 * On the embedded database (PGlite: one process, no separate commit to wait for) it is `db.execute`.
 */
import pg from "pg";
// node-postgres's own encoding of parameter values (Dates, arrays, Buffers, objects as JSON), as its Query uses.
import { prepareValue } from "pg/lib/utils.js";
import type { SQL } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import type { Db } from "@/db/client";
import { driverClientOf } from "./driver-client";

type Executor = Pick<Db, "execute">;

export interface RowsThenCommit<R> {
  /** Every row of the statement, as soon as CommandComplete has arrived (before the commit). */
  rows: Promise<R[]>;
  /** The statement's implicit transaction committed (rejects if the statement or its commit failed). */
  committed: Promise<void>;
}

/** Type oids that drizzle's node-postgres session answers as the server's text (drizzle-orm/node-postgres/session.js). */
const AS_TEXT = new Set([
  1184, // timestamptz
  1114, // timestamp
  1082, // date
  1186, // interval
  1231, // numeric[] (drizzle keeps it as text)
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
]);

const asText = (value: string) => value;
const parserFor = (typeId: number): ((value: string) => unknown) => (AS_TEXT.has(typeId) ? asText : pg.types.getTypeParser(typeId, "text"));

interface FieldDescription {
  name: string;
  dataTypeID: number;
  format: string;
}

interface ProtocolConnection {
  stream: { cork?: () => void; uncork?: () => void };
  parse(message: { text: string; name?: string; types?: unknown[] }): void;
  bind(message: { portal?: string; statement?: string; values: unknown[]; valueMapper?: (value: unknown) => unknown }): void;
  describe(message: { type: "P" | "S"; name?: string }): void;
  execute(message: { portal?: string; rows?: number }): void;
  flush(): void;
  sync(): void;
}

type Done = (err: Error | null, result?: unknown) => void;

/**
 * A query object node-postgres's client runs like its own Query (it calls submit, then the handle*
 * methods for the server's messages, in order). Unnamed statement and portal: nothing is left prepared.
 */
class RowsBeforeCommitQuery<R> implements pg.Submittable {
  /** Set by the client (pool.query / client.query): called once, after ReadyForQuery or an error. */
  callback?: Done;
  readonly rows: Promise<R[]>;
  readonly committed: Promise<void>;
  private resolveRows!: (rows: R[]) => void;
  private rejectRows!: (err: Error) => void;
  private resolveCommitted!: () => void;
  private rejectCommitted!: (err: Error) => void;
  private names: string[] = [];
  private parsers: ((value: string) => unknown)[] = [];
  private readonly received: R[] = [];
  private failed: Error | null = null;
  private settled = false;

  constructor(
    private readonly text: string,
    private readonly values: unknown[],
  ) {
    this.rows = new Promise<R[]>((resolve, reject) => {
      this.resolveRows = resolve;
      this.rejectRows = reject;
    });
    this.committed = new Promise<void>((resolve, reject) => {
      this.resolveCommitted = resolve;
      this.rejectCommitted = reject;
    });
    // Either may be left unawaited when the other fails first: never an unhandled rejection.
    this.rows.catch(() => {});
    this.committed.catch(() => {});
  }

  submit(connection: pg.Connection): void {
    const con = connection as unknown as ProtocolConnection;
    // One write for the whole pipeline, as pg's Query does.
    con.stream.cork?.();
    try {
      con.parse({ text: this.text, name: "", types: [] });
      con.bind({ portal: "", statement: "", values: this.values, valueMapper: prepareValue });
      con.describe({ type: "P", name: "" });
      con.execute({ portal: "", rows: 0 });
      // The server sends its buffered rows and CommandComplete now, before it reads the Sync and commits.
      con.flush();
      con.sync();
    } finally {
      con.stream.uncork?.();
    }
  }

  handleRowDescription(message: { fields: FieldDescription[] }): void {
    this.names = message.fields.map((f) => f.name);
    this.parsers = message.fields.map((f) => {
      if (f.format !== "text") throw new Error(`rows-before-commit: field ${f.name} is not in text format`);
      return parserFor(f.dataTypeID);
    });
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    if (this.failed) return;
    try {
      const row: Record<string, unknown> = {};
      const fields = message.fields;
      for (let i = 0; i < fields.length; i++) {
        const raw = fields[i];
        row[this.names[i]] = raw === null ? null : this.parsers[i](raw);
      }
      this.received.push(row as R);
    } catch (err) {
      // Reported once the server is done with the statement (ReadyForQuery), as pg's Query does.
      this.failed = err as Error;
    }
  }

  handleCommandComplete(): void {
    if (!this.failed) this.resolveRows(this.received);
  }

  handleEmptyQuery(): void {
    this.resolveRows(this.received);
  }

  handlePortalSuspended(): void {
    // Execute asked for every row (rows: 0): the server never suspends the portal.
    this.fail(new Error("rows-before-commit: the portal was suspended"));
  }

  handleCopyInResponse(): void {
    this.fail(new Error("rows-before-commit: COPY is not supported"));
  }

  handleCopyData(): void {}

  /** An ErrorResponse, a socket error or a parse failure: the statement (or its commit) failed. */
  handleError(err: Error): void {
    this.fail(err);
  }

  handleReadyForQuery(): void {
    if (this.failed) return this.fail(this.failed);
    if (this.settled) return;
    this.settled = true;
    this.resolveRows(this.received);
    this.resolveCommitted();
    this.callback?.(null, { rows: this.received });
  }

  private fail(err: Error): void {
    if (this.settled) return;
    this.settled = true;
    // Wrapped as drizzle wraps a driver's error (the driver's as its cause), so callers see one kind either way.
    const failure = new DrizzleQueryError(this.text, this.values, err);
    this.rejectRows(failure);
    this.rejectCommitted(failure);
    this.callback?.(err);
  }
}

/**
 * Run `query` (ONE statement, no BEGIN around it: its implicit transaction is what `committed` waits for) on
 * `db`. Inside a transaction (`db` a drizzle transaction) the rows are as soon as they are there and
 * `committed` only says the statement is done: the transaction's COMMIT is the caller's.
 */
export function rowsThenCommit<R>(db: Executor, query: SQL): RowsThenCommit<R> {
  const { client, server } = driverClientOf(db);
  if (!server) {
    const rows = db.execute(query).then((result) => result.rows as unknown as R[]);
    const committed = rows.then(() => undefined);
    // As on a server: either may be left unawaited when the statement fails.
    rows.catch(() => {});
    committed.catch(() => {});
    return { rows, committed };
  }
  const { sql: text, params } = (db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }).dialect.sqlToQuery(query);
  const submitted = new RowsBeforeCommitQuery<R>(text, params);
  // A pool checks a connection out for it and releases it after `callback` (pg-pool's query); a
  // transaction's client runs it in its queue. Either way the callback comes after ReadyForQuery (or at an error).
  (client as unknown as { query(q: pg.Submittable, values: undefined, callback: Done): unknown }).query(submitted, undefined, () => {});
  return { rows: submitted.rows, committed: submitted.committed };
}
