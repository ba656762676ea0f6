/**
 * How the bench times a statement "in the database": EXPLAIN (ANALYZE,
 * TIMING OFF, FORMAT JSON) and its "Execution Time". That runs the whole plan,
 * projections and sub-selects included (the cameras' JSON, the view-cone
 * tests), on the database's own clock, and leaves out planning, the round trip
 * and sending the rows (on PostgreSQL 15 EXPLAIN cannot SERIALIZE). TIMING OFF
 * keeps the per-node clock reads out of the figure. The same method on both
 * databases, so embedded and server figures compare.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";

export interface TimedPlan {
  executionMs: number;
  planningMs: number;
  /** Every index the plan names (to check the GiST index is used). */
  indexes: string[];
  /** Relations read by a sequential scan. */
  seqScans: string[];
  rows: number;
  /**
   * The server JIT-compiled the plan (its compile time is inside executionMs; with TIMING OFF
   * PostgreSQL reports that it compiled, not for how long).
   */
  jit: boolean;
}

interface PlanNode {
  "Node Type"?: string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, visit: (n: PlanNode) => void) {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/**
 * EXPLAIN ANALYZE `statement` in one transaction with `settings` (e.g.
 * enable_indexscan = off) applied locally, so they never leak to other
 * statements on a pooled connection.
 */
export async function timeInDatabase(db: Pick<Db, "transaction">, statement: SQL, settings: Record<string, string> = {}): Promise<TimedPlan> {
  return db.transaction(async (tx) => {
    for (const [name, value] of Object.entries(settings)) {
      await tx.execute(sql.raw(`set local ${name} = ${value}`));
    }
    const result = await tx.execute(sql`explain (analyze, timing off, format json) ${statement}`);
    const cell = Object.values(result.rows[0] as Record<string, unknown>)[0];
    const parsed = (typeof cell === "string" ? JSON.parse(cell) : cell) as { Plan: PlanNode; "Execution Time": number; "Planning Time": number; JIT?: { Functions?: number } }[];
    const top = parsed[0];
    const indexes: string[] = [];
    const seqScans: string[] = [];
    walk(top.Plan, (n) => {
      if (n["Index Name"]) indexes.push(n["Index Name"]);
      if (n["Node Type"] === "Seq Scan" && n["Relation Name"]) seqScans.push(n["Relation Name"]);
    });
    // On the server, rolled-back settings are all we changed; nothing to undo.
    return { executionMs: top["Execution Time"], planningMs: top["Planning Time"], indexes, seqScans, rows: top.Plan["Actual Rows"] ?? 0, jit: (top.JIT?.Functions ?? 0) > 0 };
  });
}
