import "server-only";
/**
 * Caps on reads of residents' contact details, so one account (or a stolen
 * session) cannot walk off with the registry: at most `perRequest` sites'
 * contacts in one answer, and `perUserPerDay` in any 24 hours (counted from
 * the audit trail's `registration.contacts_viewed` rows, which every read
 * writes). Whenever a cap withholds contacts, `registration.contacts_capped`
 * is audited, the flag supervisors look for.
 */
import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { env } from "@/lib/env.js";

export interface ContactCaps {
  perRequest: number;
  perUserPerDay: number;
}

export function contactCaps(): ContactCaps {
  return { perRequest: env.CONTACT_READS_PER_REQUEST, perUserPerDay: env.CONTACT_READS_PER_USER_PER_DAY };
}

export interface ContactAllowance {
  requested: number;
  allowed: number;
  /** Which cap withheld contacts, or null when all were allowed. */
  cappedBy: "request" | "daily" | null;
}

type Tx = Pick<Db, "execute" | "select" | "insert">;

/**
 * How many of `requested` contact reads `actor` may make now. Run it in the
 * transaction that then reads and audits them: a per-user advisory lock makes
 * two parallel requests of one user count one after the other.
 */
export async function contactAllowance(tx: Tx, actor: AuditActor, requested: number, via: string, caps = contactCaps(), now = new Date()): Promise<ContactAllowance> {
  if (requested === 0) return { requested, allowed: 0, cappedBy: null };
  let allowed = Math.min(requested, caps.perRequest);
  let cappedBy: ContactAllowance["cappedBy"] = allowed < requested ? "request" : null;
  let usedToday: number | null = null;
  if (actor.userId) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`contact-reads:${actor.userId}`}))`);
    const [row] = await tx
      .select({ n: count() })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.actorUserId, actor.userId),
          eq(auditLog.action, "registration.contacts_viewed"),
          gt(auditLog.at, new Date(now.getTime() - 24 * 3_600_000)),
        ),
      );
    usedToday = Number(row?.n ?? 0);
    const left = Math.max(0, caps.perUserPerDay - usedToday);
    if (left < allowed) {
      allowed = left;
      cappedBy = "daily";
    }
  }
  if (cappedBy) {
    await recordAudit(tx, actor, {
      action: "registration.contacts_capped",
      targetType: "user",
      targetId: actor.userId ?? undefined,
      details: { via, requested, allowed, cappedBy, usedInLast24h: usedToday, perRequest: caps.perRequest, perUserPerDay: caps.perUserPerDay },
    });
  }
  return { requested, allowed, cappedBy };
}
