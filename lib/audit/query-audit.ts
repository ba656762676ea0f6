import "server-only";
import { and, desc, eq, gte, ilike, inArray, lt, sql, type SQL } from "drizzle-orm";
import { stringify } from "csv-stringify/sync";
import type { Db } from "@/db/client";
import { auditLog, type AuditEntry } from "@/db/schema";
import { endOfZonedDay, startOfZonedDay } from "@/lib/time/zoned-day";
import { currentAuditAction, storedAuditActionNames } from "./actions";
import type { AuditFilter } from "./audit-filter";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function whereFor(filter: AuditFilter, timeZone: string): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.user) {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(filter.user);
    conditions.push(
      isUuid ? eq(auditLog.actorUserId, filter.user) : ilike(auditLog.actorLabel, `%${escapeLike(filter.user)}%`),
    );
  }
  if (filter.action) {
    // "auth." matches the whole family; otherwise an exact action, under today's name or one it replaced.
    conditions.push(
      filter.action.endsWith(".") ? ilike(auditLog.action, `${escapeLike(filter.action)}%`) : inArray(auditLog.action, storedAuditActionNames(filter.action)),
    );
  }
  if (filter.targetType) conditions.push(eq(auditLog.targetType, filter.targetType));
  if (filter.targetId) conditions.push(eq(auditLog.targetId, filter.targetId));
  if (filter.from) conditions.push(gte(auditLog.at, startOfZonedDay(filter.from, timeZone)));
  if (filter.to) conditions.push(lt(auditLog.at, endOfZonedDay(filter.to, timeZone)));
  return conditions.length ? and(...conditions) : undefined;
}

export async function queryAudit(db: Db, filter: AuditFilter, timeZone: string, limit: number): Promise<AuditEntry[]> {
  return db.select().from(auditLog).where(whereFor(filter, timeZone)).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit);
}

export async function countAudit(db: Db, filter: AuditFilter, timeZone: string): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(whereFor(filter, timeZone));
  return n;
}

/** The distinct actions recorded so far, under today's names, for the filter's pick list. */
export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return [...new Set(rows.map((r) => currentAuditAction(r.action)))].sort();
}

export const AUDIT_CSV_COLUMNS = ["id", "at", "actor_user_id", "actor", "action", "target_type", "target_id", "details", "ip", "user_agent"];

/** CSV for spreadsheets; times in UTC ISO-8601 so nothing depends on the reader's zone. */
export function auditRowsToCsv(rows: AuditEntry[]): string {
  return stringify(
    rows.map((r) => [r.id, r.at.toISOString(), r.actorUserId ?? "", r.actorLabel, r.action, r.targetType ?? "", r.targetId ?? "", JSON.stringify(r.details), r.ip ?? "", r.userAgent ?? ""]),
    // Cells starting with = + - @ would run as formulas in a spreadsheet (CSV injection).
    { header: true, columns: AUDIT_CSV_COLUMNS, cast: { string: (v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) } },
  );
}

