/**
 * lib/db/rows-before-commit.ts: a statement's rows as soon as the server has sent them, its commit on its own.
 * The rows must be exactly what drizzle's `db.execute` answers, the commit must be waited for separately (on a
 * server the rows come first: shown with a commit made slow by a deferred trigger, and the row not yet visible
 * to another connection when they arrive), and a failure at commit or anywhere else must reject, leaving the
 * pool usable. On the embedded database both settle together.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { sql } from "drizzle-orm";
import { rowsThenCommit } from "@/lib/db/rows-before-commit";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const server = !!process.env.DATABASE_URL;
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.execute(sql`create table rbc_test (id serial primary key, note text not null)`);
  // Deferred triggers run at COMMIT, i.e. after the statement has sent its rows.
  await t.db.execute(sql`create function rbc_at_commit() returns trigger language plpgsql as $$
    begin
      if new.note = 'slow' then perform pg_sleep(0.4); end if;
      if new.note = 'refuse' then raise exception 'refused at commit by the test'; end if;
      return null;
    end $$`);
  await t.db.execute(sql`create constraint trigger rbc_at_commit after insert on rbc_test deferrable initially deferred
    for each row execute function rbc_at_commit()`);
});

afterAll(async () => {
  await t?.close();
});

const insertReturning = (note: string) => sql`with i as (insert into rbc_test (note) values (${note}) returning id, note) select id, note from i`;

/** What a rejection says, the driver's own error included (drizzle wraps it as the cause). */
async function failure(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error("expected a rejection");
  return `${err.message} / ${err.cause instanceof Error ? err.cause.message : ""}`;
}

async function visibleElsewhere(note: string): Promise<boolean> {
  if (!server) throw new Error("server only");
  const other = new pg.Client({ connectionString: t.location });
  await other.connect();
  try {
    return (await other.query("select 1 from rbc_test where note = $1", [note])).rows.length > 0;
  } finally {
    await other.end();
  }
}

describe(`rows before commit (${server ? "server" : "embedded"})`, () => {
  it("answers the same rows as db.execute, value for value", async () => {
    const query = sql`select gen_random_uuid() is not null as b, 'text ' || g as t, null::text as n, g::int4 as i, (g * 1.5)::float8 as f,
      (g::bigint * 10000000000) as big, array['a', 'b,c', null, '"q"']::text[] as arr, timestamptz '2026-11-30 01:02:03.456+00' + (g || ' days')::interval as ts,
      date '2026-11-30' as d, json_build_object('k', g)::text as j, '{"x":1}'::jsonb as jb, '{"y":2}'::json as js, 12.50::numeric as num, point(1, 2) as p
      from generate_series(1, 3) g order by g`;
    const expected = (await t.db.execute(query)).rows;
    const statement = rowsThenCommit<Record<string, unknown>>(t.db, query);
    const rows = await statement.rows;
    await statement.committed;
    expect(rows).toEqual(expected);
    expect(rows[0]).toMatchObject({ b: true, i: 1, f: 1.5, arr: ["a", "b,c", null, '"q"'], n: null, jb: { x: 1 }, js: { y: 2 } });
  });

  it("answers no rows as an empty list", async () => {
    const statement = rowsThenCommit(t.db, sql`select 1 as x where false`);
    expect(await statement.rows).toEqual([]);
    await statement.committed;
  });

  it.skipIf(!server)("answers the rows before the commit, and the commit when it is durable", async () => {
    const started = performance.now();
    const statement = rowsThenCommit<{ id: number; note: string }>(t.db, insertReturning("slow"));
    const rows = await statement.rows;
    const rowsAt = performance.now() - started;
    expect(rows).toEqual([{ id: expect.any(Number), note: "slow" }]);
    // The rows are here, the commit (0.4 s of deferred trigger) is not done: no other session sees the row yet.
    expect(await visibleElsewhere("slow")).toBe(false);
    await statement.committed;
    const committedAt = performance.now() - started;
    expect(committedAt - rowsAt).toBeGreaterThan(250);
    expect(await visibleElsewhere("slow")).toBe(true);
  });

  it("rejects `committed` when the commit fails, and nothing is written", async () => {
    const statement = rowsThenCommit(t.db, insertReturning("refuse"));
    expect(await failure(statement.committed)).toMatch(/refused at commit by the test/);
    // On a server the rows came before the commit failed; embedded, both settle together.
    if (server) expect(await statement.rows).toEqual([{ id: expect.any(Number), note: "refuse" }]);
    else expect(await failure(statement.rows)).toMatch(/refused at commit by the test/);
    expect((await t.db.execute(sql`select 1 from rbc_test where note = 'refuse'`)).rows).toEqual([]);
  });

  it("rejects both on a statement error, and the pool stays usable", async () => {
    // More failures than the pool has connections (10): each one must give its connection back.
    for (let i = 0; i < 12; i++) {
      const statement = rowsThenCommit(t.db, sql`select 1 / (${i}::int - ${i}::int) as x`);
      expect(await failure(statement.rows)).toMatch(/division by zero/);
      expect(await failure(statement.committed)).toMatch(/division by zero/);
    }
    const ok = rowsThenCommit<{ x: number }>(t.db, sql`select 7 as x`);
    expect(await ok.rows).toEqual([{ x: 7 }]);
    await ok.committed;
  });

  it("runs inside a transaction, whose commit stays the transaction's", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        const statement = rowsThenCommit<{ note: string }>(tx, insertReturning("in transaction"));
        expect(await statement.rows).toEqual([{ id: expect.any(Number), note: "in transaction" }]);
        await statement.committed;
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await t.db.execute(sql`select 1 from rbc_test where note = 'in transaction'`)).rows).toEqual([]);
  });
});
