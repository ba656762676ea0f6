import "server-only";
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
 * so the entry and the action commit or roll back together.
 */
export async function recordAudit(tx: Pick<Db, "insert">, actor: AuditActor, event: AuditEvent): Promise<void> {
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
  await tx.insert(auditLog).values(row);
}
