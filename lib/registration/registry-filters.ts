import "server-only";
/**
 * THE definitions of "stale" and "in the review queue", shared by the
 * dashboard's counts, the review queue's lists, the registry's filters and the
 * reminder e-mails, so every screen gives the same numbers.
 * Stale: an open registration (active or pending review, not merged away)
 * whose owner has not confirmed it for RECONFIRM_AFTER_MONTHS calendar months.
 * In the review queue: flagged for review, whether still open or closed by its
 * owner (staff should see the closure).
 */
import { and, eq, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { registrations } from "@/db/schema";

/** `months` calendar months before `now` (UTC calendar; a day either way does not matter here). */
export function staleCutoff(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/** Open: what a detective can still find, or will once staff place it. */
export function openRegistration(): SQL {
  return and(isNull(registrations.mergedIntoId), inArray(registrations.status, ["pending_review", "active"]))!;
}

export function staleRegistration(now: Date, reconfirmAfterMonths: number): SQL {
  return and(openRegistration(), lt(registrations.lastConfirmedAt, staleCutoff(now, reconfirmAfterMonths)))!;
}

export async function countStaleRegistrations(db: Pick<Db, "select">, now: Date, reconfirmAfterMonths: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(registrations)
    .where(staleRegistration(now, reconfirmAfterMonths));
  return Number(n);
}

export function inReviewQueue(): SQL {
  return and(eq(registrations.needsReview, true), or(openRegistration(), inArray(registrations.status, ["withdrawn", "inactive"])))!;
}

export async function countInReviewQueue(db: Pick<Db, "select">): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(registrations).where(inReviewQueue());
  return Number(n);
}
