import "server-only";
import { sql } from "drizzle-orm";
import type { Db, DbKind } from "@/db/client";

/**
 * Advisory-lock keys (pg_try_advisory_xact_lock(namespace, key)): a namespace
 * of our own so another application on the same server cannot collide.
 */
const LOCK_NAMESPACE = 0x53_4c_4e_45; // "SLNE"
export const LOCK_KEYS = { maintenance: 1 } as const;

export type ExclusiveOutcome<T> = { ran: true; value: T } | { ran: false };

const runningEmbedded = new WeakMap<object, Set<string>>();

/**
 * Run `work` only if no other instance is running the same job, else skip it
 * (never wait: the other instance is doing it).
 *
 * Server: a transaction-level advisory lock taken on one pooled connection and
 * held, by keeping that transaction open, until `work` ends; `work` itself uses
 * the pool's other connections. Whoever does not get the lock skips. A crashed
 * instance's connection closes and the lock goes with it, so nothing stays
 * stuck.
 *
 * Embedded (PGlite): only one process can open the data directory, and PGlite
 * is one connection shared by every caller, where an advisory lock is
 * re-entrant (the same session gets it again) and an open transaction would
 * make `work`'s own queries wait for it (a deadlock). So exclusion there is
 * within this process: a second call while the first runs skips.
 */
export async function runExclusively<T>(db: Db, kind: DbKind, job: keyof typeof LOCK_KEYS, work: () => Promise<T>): Promise<ExclusiveOutcome<T>> {
  if (kind === "embedded") {
    const running = runningEmbedded.get(db) ?? new Set<string>();
    runningEmbedded.set(db, running);
    if (running.has(job)) return { ran: false };
    running.add(job);
    try {
      return { ran: true, value: await work() };
    } finally {
      running.delete(job);
    }
  }
  return db.transaction(async (tx): Promise<ExclusiveOutcome<T>> => {
    const result = await tx.execute(sql`select pg_try_advisory_xact_lock(${LOCK_NAMESPACE}::int, ${LOCK_KEYS[job]}::int) as locked`);
    if (!(result.rows[0] as { locked: boolean }).locked) return { ran: false };
    return { ran: true, value: await work() };
  });
}
