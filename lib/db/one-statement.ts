/**
 * Several writes as ONE statement: each is a data-modifying CTE of
 * `with w1 as (…), w2 as (…) select 1`, so they cost one round trip instead of
 * one each, and commit (or fail) together even outside a transaction.
 * PostgreSQL runs every data-modifying CTE exactly once, whether or not the
 * outer query reads it. The writes must not depend on each other's effects
 * (they all see the snapshot the statement started with); foreign keys and
 * AFTER triggers are checked and fired at the end of the whole statement, so
 * a row inserted by one CTE may be referenced by another's (e.g. a
 * registration and its cameras, their ids chosen by the caller).
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

export function oneStatement(writes: readonly SQLWrapper[]): SQL {
  if (writes.length === 0) throw new Error("oneStatement: nothing to write");
  const ctes = sql.join(
    // getSQL(): a query builder embedded as itself would be wrapped in parentheses, which PostgreSQL refuses for an INSERT.
    writes.map((w, i) => sql`${sql.raw(`w${i + 1}`)} as (${w.getSQL()})`),
    sql`, `,
  );
  return sql`with ${ctes} select 1`;
}
