import "server-only";
/**
 * The admin's view of the audit trail: the newest matching entries with names
 * for their ids, the count, the actions to pick from. Looking is itself
 * recorded (`audit.viewed`, with the filter), in the same transaction as the
 * read: who searched the trail for what is as much the trail's business as the
 * export (`audit.exported`, app/api/admin/audit/export).
 */
import type { Db } from "@/db/client";
import type { AuditEntry } from "@/db/schema";
import { resolveAuditNames } from "./audit-names";
import type { AuditFilter } from "./audit-filter";
import type { AuditNames } from "./describe-audit";
import { auditActions, countAudit, queryAudit } from "./query-audit";
import { recordAudit, type AuditActor } from "./record-audit";

export interface AuditView {
  rows: AuditEntry[];
  total: number;
  actions: string[];
  names: AuditNames;
}

export async function viewAuditTrail(db: Db, actor: AuditActor, filter: AuditFilter, options: { timeZone: string; limit: number }): Promise<AuditView> {
  return db.transaction(async (tx) => {
    const reader = tx as unknown as Db;
    const rows = await queryAudit(reader, filter, options.timeZone, options.limit);
    const total = await countAudit(reader, filter, options.timeZone);
    const actions = await auditActions(reader);
    const names = await resolveAuditNames(reader, rows, options.timeZone);
    await recordAudit(tx, actor, { action: "audit.viewed", targetType: "audit_log", details: { filter, shown: rows.length, total } });
    return { rows, total, actions, names };
  });
}
