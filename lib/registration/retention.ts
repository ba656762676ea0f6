import "server-only";
/**
 * Erase the contact details of registrations closed (withdrawn, moved away,
 * rejected) longer ago than CONTACT_RETENTION_DAYS_AFTER_WITHDRAWAL. The site,
 * its cameras' history and the audit trail remain: the trail records that the
 * erasure happened and when, not what was erased. The management link dies too.
 */
import { and, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { registrations } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";

const DAY_MS = 86_400_000;

export async function eraseExpiredContacts(db: Db, options: { retentionDays: number; actor: AuditActor; now?: Date }): Promise<{ erased: string[] }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * DAY_MS);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: registrations.id, inactiveSince: registrations.inactiveSince })
      .from(registrations)
      .where(
        and(
          inArray(registrations.status, ["withdrawn", "inactive"]),
          isNotNull(registrations.inactiveSince),
          lt(registrations.inactiveSince, cutoff),
          isNull(registrations.contactsErasedAt),
        ),
      )
      .for("update");
    if (due.length === 0) return { erased: [] };
    const ids = due.map((d) => d.id);
    await tx
      .update(registrations)
      .set({
        ownerName: null,
        businessName: null,
        ownerPhone: null,
        ownerEmail: null,
        alternateName: null,
        alternatePhone: null,
        alternateEmail: null,
        notes: null,
        manageTokenHash: null,
        contactsErasedAt: now,
        updatedAt: now,
      })
      .where(inArray(registrations.id, ids));
    for (const d of due) {
      await recordAudit(tx, options.actor, {
        action: "registration.contacts_erased",
        targetType: "registration",
        targetId: d.id,
        details: { inactiveSince: d.inactiveSince?.toISOString(), retentionDays: options.retentionDays },
      });
    }
    return { erased: ids };
  });
}
