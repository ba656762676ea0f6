import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { auditLog, type NewAuditEntry } from "@/db/schema";
import type { Db } from "@/db/client";
import type { AuditAction } from "./actions";

/** Who did it, from where. `userId` null means the public form, the CLI or the system. */
export interface AuditActor {
  userId: string | null;
  label: string;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEvent {
  /** One of lib/audit/actions.ts (add a new one there). */
  action: AuditAction;
  targetType?: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

export const publicActor = (ip?: string | null, userAgent?: string | null): AuditActor => ({
  userId: null,
  label: "public",
  ip,
  userAgent,
});
export const systemActor = (label = "system"): AuditActor => ({ userId: null, label });

/**
 * Append one audit entry. Pass the transaction of the action being recorded,
 * so the entry and the action commit or roll back together. Answers the entry's id
 * (a paged search's cursor names the entry of the search it continues).
 */
export async function recordAudit(tx: Pick<Db, "insert">, actor: AuditActor, event: AuditEvent): Promise<number> {
  const row: NewAuditEntry = {
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    details: event.details ?? {},
    ip: actor.ip ?? null,
    userAgent: actor.userAgent ? actor.userAgent.slice(0, 512) : null,
  };
  const [entry] = await tx.insert(auditLog).values(row).returning({ id: auditLog.id });
  return entry.id;
}

/**
 * The same entry as recordAudit's, as an INSERT to fold into the statement it
 * records (a data-modifying CTE: `with found as (…), logged as (${auditInsertSql(…)}) select … from found`).
 * A single statement commits as a whole, so the entry and what it records
 * still commit together or not at all, in one round trip instead of a
 * transaction's four. PostgreSQL runs a data-modifying CTE exactly once
 * whether or not the outer query reads it. `extraDetails` is a jsonb
 * expression of that statement merged into `details` (e.g. a count of the rows found). `onlyIfRowsIn`,
 * another CTE of that statement: the entry is written only when it holds a row (what it records happened).
 */
export function auditInsertSql(actor: AuditActor, event: AuditEvent, extraDetails?: SQL, onlyIfRowsIn?: SQL): SQL {
  // The same values as the fixed-text INSERT (auditEntryValues), each with its cast; details may take more.
  const cells = auditEntryValues(actor, event).map((value, i) => {
    const cell = sql`${value}::${sql.raw(AUDIT_ENTRY_CASTS[i])}`;
    return i === DETAILS_INDEX && extraDetails ? sql`${cell} || ${extraDetails}` : cell;
  });
  return sql`insert into ${auditLog} (${sql.raw(AUDIT_ENTRY_COLUMNS)})
    select ${sql.join(cells, sql`, `)}${onlyIfRowsIn ? sql` where exists (select 1 from ${onlyIfRowsIn})` : sql``}`;
}

/** The audit_log columns an entry writes, in the order of auditEntryValues (auditInsertSql, and statements written as text: lib/db/fixed-statements.ts). */
export const AUDIT_ENTRY_COLUMNS = "actor_user_id, actor_label, action, target_type, target_id, details, ip, user_agent";
/** Their casts, for `placeholders(…, AUDIT_ENTRY_CASTS)`. */
export const AUDIT_ENTRY_CASTS = ["uuid", "text", "text", "text", "text", "jsonb", "text", "text"] as const;
const DETAILS_INDEX = AUDIT_ENTRY_COLUMNS.split(", ").indexOf("details");

/** The same entry as recordAudit's and auditInsertSql's, as values for AUDIT_ENTRY_COLUMNS. */
export function auditEntryValues(actor: AuditActor, event: AuditEvent): unknown[] {
  return [
    actor.userId,
    actor.label,
    event.action,
    event.targetType ?? null,
    event.targetId ?? null,
    JSON.stringify(event.details ?? {}),
    actor.ip ?? null,
    actor.userAgent ? actor.userAgent.slice(0, 512) : null,
  ];
}
