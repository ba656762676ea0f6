import "server-only";
/**
 * The supervisors' review queue: new and changed registrations (un-geocoded
 * first), possible duplicates, and stale ones not confirmed for
 * RECONFIRM_AFTER_MONTHS. Every read of the queue (it shows contact details)
 * and every decision is audited in the same transaction.
 */
import { languageNameForStaff } from "@/lib/i18n/config";
import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import { locationMethodLabel, sourceLabel, statusLabel } from "./labels";
import { countInReviewQueue, countStaleRegistrations, inReviewQueue, openRegistration, staleRegistration } from "./registry-filters";
import { z } from "zod";
import type { Db } from "@/db/client";
import { cameras, registrations, registrationStatusHistory, type Registration } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { requireRole, type StaffContext } from "@/lib/auth/mutation-context";
import { AppError, validationError } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import { relocateCameras, sitePoint } from "./cameras";
import type { FieldChange } from "./changes";
import { toLatLng } from "./create-registration";
import { generateManageToken, hashManageToken, manageUrlFor } from "./manage-token";
import { reminderEmail, sendQuietly, type Mailer } from "./mailer";
import { pinSchema } from "./schema";
import type { Tx } from "./tx";

/** What each review decision is recorded as (lib/audit/actions.ts). */
const REVIEW_AUDIT_ACTIONS = {
  verify: "review.verified",
  activate: "review.activated",
  reject: "review.rejected",
  set_pin: "review.pin_set",
  merge_into: "review.merged",
} as const satisfies Record<string, AuditAction>;

export const reviewActionSchema = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("verify") }),
    z.object({ action: z.literal("activate") }),
    z.object({ action: z.literal("reject"), reason: z.string().trim().min(1, "Say why").max(500, "At most 500 characters") }),
    z.object({ action: z.literal("set_pin"), pin: pinSchema }),
    z.object({ action: z.literal("merge_into"), targetId: z.uuid("Choose the registration to keep") }),
  ],
  { error: "Choose verify, activate, reject, set_pin or merge_into" },
);
export type ReviewAction = z.infer<typeof reviewActionSchema>;


function queueItem(r: Registration, duplicates: { id: string; ownerName: string | null }[]) {
  return {
    id: r.id,
    status: r.status,
    statusLabel: statusLabel(r.status),
    /** The owner closed it (withdrew, or moved away): staff may not switch it back on with one click. */
    closedByOwner: r.status === "withdrawn" || r.status === "inactive",
    reviewReason: r.reviewReason,
    source: r.source,
    sourceLabel: sourceLabel(r.source),
    verified: r.verifiedAt !== null,
    address: [r.addressLine1, r.addressUnit, r.addressCity, r.addressState, r.addressZip].filter(Boolean).join(", "),
    matchedAddress: r.matchedAddress,
    location: toLatLng(r.location),
    locationMethod: r.locationMethod,
    locationLabel: locationMethodLabel(r.location ? r.locationMethod : null),
    owner: { name: r.ownerName, businessName: r.businessName, phone: r.ownerPhone, email: r.ownerEmail, language: languageNameForStaff(r.locale) },
    cameraCount: r.cameraCount,
    lastConfirmedAt: r.lastConfirmedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    possibleDuplicates: duplicates,
    /** A public submission held against this earlier registration of the same address. */
    duplicateOfId: r.duplicateOfId,
  };
}
export type ReviewQueueItem = ReturnType<typeof queueItem>;

export const reviewPageSchema = z.object({
  page: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "at least 1").max(100_000, "too large").default(1),
  stalePage: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "at least 1").max(100_000, "too large").default(1),
  pageSize: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "at least 1").max(100, "at most 100").default(20),
});
export type ReviewPage = z.output<typeof reviewPageSchema>;


export async function reviewQueue(
  db: Db,
  options: { actor: AuditActor; reconfirmAfterMonths: number; now?: Date; paging?: Partial<ReviewPage> },
) {
  const now = options.now ?? new Date();
  const paging = reviewPageSchema.parse(options.paging ?? {});
  return db.transaction(async (tx) => {
    const pendingTotal = await countInReviewQueue(tx);
    const staleTotal = await countStaleRegistrations(tx, now, options.reconfirmAfterMonths);
    const pending = await tx
      .select()
      .from(registrations)
      .where(inReviewQueue())
      // Un-geocoded first: detectives cannot find them at all until someone places them.
      .orderBy(sql`${registrations.location} is null desc`, desc(registrations.updatedAt), asc(registrations.id))
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize);
    const stale = await tx
      .select()
      .from(registrations)
      .where(staleRegistration(now, options.reconfirmAfterMonths))
      .orderBy(asc(registrations.lastConfirmedAt), asc(registrations.id))
      .limit(paging.pageSize)
      .offset((paging.stalePage - 1) * paging.pageSize);
    const keys = [...new Set([...pending, ...stale].map((r) => r.addressNormalized).filter((k): k is string => Boolean(k)))];
    const siblings = keys.length
      ? await tx
          .select({ id: registrations.id, ownerName: registrations.ownerName, key: registrations.addressNormalized })
          .from(registrations)
          .where(and(inArray(registrations.addressNormalized, keys), openRegistration()))
      : [];
    const dupesOf = (r: Registration) =>
      siblings.filter((s) => s.key === r.addressNormalized && s.id !== r.id).map((s) => ({ id: s.id, ownerName: s.ownerName }));
    await recordAudit(tx, options.actor, {
      action: "review.queue_viewed",
      targetType: "registration",
      details: { pending: pending.length, stale: stale.length, pendingTotal, staleTotal, page: paging.page, stalePage: paging.stalePage },
    });
    return {
      pending: pending.map((r) => queueItem(r, dupesOf(r))),
      stale: stale.map((r) => queueItem(r, dupesOf(r))),
      pendingTotal,
      staleTotal,
      ...paging,
    };
  });
}

async function lockRegistration(tx: Tx, id: string, field = "id"): Promise<Registration> {
  const [row] = await tx.select().from(registrations).where(eq(registrations.id, id)).for("update").limit(1);
  if (!row) throw field === "id" ? new AppError("not_found", "no such registration") : validationError({ [field]: "no such registration" });
  return row;
}

async function history(tx: Tx, row: Registration, toStatus: Registration["status"], reason: string, actor: AuditActor, now: Date) {
  if (toStatus === row.status) return;
  await tx.insert(registrationStatusHistory).values({ registrationId: row.id, fromStatus: row.status, toStatus, reason, actor: actor.label, at: now });
}

/** What a decision changed, in the list shape registration edits record (lib/registration/changes.ts). */
function reviewChanges(before: Registration, after: Pick<Registration, "status" | "location">): FieldChange[] {
  const changes: FieldChange[] = [];
  if (after.status !== before.status) changes.push({ field: "status", from: before.status, to: after.status });
  const [from, to] = [toLatLng(before.location), toLatLng(after.location)];
  if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field: "location", from, to });
  return changes;
}

/**
 * One supervisor decision on one registration, audited in its transaction with
 * what it changed (status and pin, from and to). `action` is the body as the
 * client sent it (parsed here by reviewActionSchema); `id` comes from the URL.
 */
export async function applyReviewAction({ db, actor, principal, now = new Date() }: StaffContext, input: { id: string; action: unknown }) {
  const { id } = input;
  const action: ReviewAction = parseInput(reviewActionSchema, input.action);
  requireRole(principal, "supervisor", "only a supervisor can review registrations");
  return db.transaction(async (tx) => {
    const row = await lockRegistration(tx, id);
    if (row.mergedIntoId) throw validationError({ id: "this registration was merged into another" });
    switch (action.action) {
      case "verify":
      case "activate": {
        if (!row.location) throw validationError({ pin: "place the pin on the map first" });
        // The owner closed it: switching it back on is the owner's call (they can reopen it), not one click here.
        if (row.status === "withdrawn" || row.status === "inactive") {
          throw validationError({ status: row.status === "withdrawn" ? "the owner withdrew this registration" : "this registration is closed (moved away or rejected)" });
        }
        await tx
          .update(registrations)
          .set({
            status: "active",
            inactiveSince: null,
            needsReview: false,
            reviewReason: null,
            ...(action.action === "verify" ? { verifiedAt: now, verifiedBy: actor.userId } : {}),
            updatedAt: now,
          })
          .where(eq(registrations.id, id));
        await history(tx, row, "active", action.action === "verify" ? "verified by staff" : "activated by staff", actor, now);
        break;
      }
      case "reject": {
        await tx
          .update(registrations)
          .set({ status: "inactive", inactiveSince: row.inactiveSince ?? now, needsReview: false, reviewReason: `rejected: ${action.reason}`, updatedAt: now })
          .where(eq(registrations.id, id));
        await history(tx, row, "inactive", `rejected: ${action.reason}`, actor, now);
        break;
      }
      case "set_pin": {
        const site = sitePoint(action.pin.lat, action.pin.lng);
        await tx
          .update(registrations)
          .set({ location: site, locationMethod: "manual", locationSource: "staff pin", locationConfidence: 1, pinConfirmedBy: actor.label, pinConfirmedAt: now, updatedAt: now })
          .where(eq(registrations.id, id));
        await relocateCameras(tx, id, site, now);
        break;
      }
      case "merge_into": {
        if (action.targetId === id) throw validationError({ targetId: "a registration cannot be merged into itself" });
        const target = await lockRegistration(tx, action.targetId, "targetId");
        if (target.mergedIntoId) throw validationError({ targetId: "that registration was itself merged into another" });
        // The kept registration gains what only the duplicate knew; nothing the duplicate said is lost.
        const fill = <T>(keep: T | null, other: T | null) => keep ?? other;
        await tx
          .update(registrations)
          .set({
            businessName: fill(target.businessName, row.businessName),
            alternateName: fill(target.alternateName, row.alternateName),
            alternatePhone: fill(target.alternatePhone, row.alternatePhone),
            alternateEmail: fill(target.alternateEmail, row.alternateEmail),
            location: fill(target.location, row.location),
            retentionDays: fill(target.retentionDays, row.retentionDays),
            cameraLocations: [...new Set([...target.cameraLocations, ...row.cameraLocations])],
            cameraCount: Math.max(target.cameraCount, row.cameraCount),
            notes: [target.notes, row.notes].filter(Boolean).join("\n\n") || null,
            lastConfirmedAt: target.lastConfirmedAt > row.lastConfirmedAt ? target.lastConfirmedAt : row.lastConfirmedAt,
            updatedAt: now,
          })
          .where(eq(registrations.id, target.id));
        const [{ n: targetCameras }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(cameras).where(eq(cameras.registrationId, target.id))) as { n: number }[];
        if (Number(targetCameras) === 0) {
          await tx.update(cameras).set({ registrationId: target.id, updatedAt: now }).where(eq(cameras.registrationId, id));
        }
        await tx
          .update(registrations)
          .set({ status: "withdrawn", mergedIntoId: target.id, needsReview: false, reviewReason: `merged into ${target.id}`, inactiveSince: now, updatedAt: now })
          .where(eq(registrations.id, id));
        await history(tx, row, "withdrawn", `merged into ${target.id}`, actor, now);
        break;
      }
    }
    const [after] = await tx
      .select({ status: registrations.status, needsReview: registrations.needsReview, location: registrations.location })
      .from(registrations)
      .where(eq(registrations.id, id));
    await recordAudit(tx, actor, {
      action: REVIEW_AUDIT_ACTIONS[action.action],
      targetType: "registration",
      targetId: id,
      details: {
        ...(action.action === "set_pin" ? { pin: action.pin } : action.action === "merge_into" ? { targetId: action.targetId } : action.action === "reject" ? { reason: action.reason } : {}),
        changes: reviewChanges(row, after),
      },
    });
    return { id, status: after.status, needsReview: after.needsReview };
  });
}

/**
 * E-mail owners of stale registrations a fresh management link (only the hash
 * of the old one is kept, so a reminder has to carry a new link). Skips owners
 * reminded in the last 30 days; without SMTP it sends nothing and changes nothing.
 */
export async function sendReconfirmReminders(
  db: Db,
  mailer: Mailer | null,
  options: { actor: AuditActor; reconfirmAfterMonths: number; baseUrl: string; agencyName: string; now?: Date },
): Promise<{ sent: number; skipped: number }> {
  if (!mailer) return { sent: 0, skipped: 0 };
  const now = options.now ?? new Date();
  const remindedRecently = new Date(now.getTime() - 30 * 86_400_000);
  const due = await db
    .select({ id: registrations.id, email: registrations.ownerEmail, locale: registrations.locale })
    .from(registrations)
    .where(
      and(
        staleRegistration(now, options.reconfirmAfterMonths),
        or(isNull(registrations.reconfirmReminderSentAt), lt(registrations.reconfirmReminderSentAt, remindedRecently)),
        ne(registrations.ownerEmail, ""),
      ),
    );
  let sent = 0;
  let skipped = 0;
  for (const r of due) {
    if (!r.email) {
      skipped++;
      continue;
    }
    const token = generateManageToken();
    const url = manageUrlFor(options.baseUrl, token);
    const delivered = await sendQuietly(mailer, { to: r.email, ...reminderEmail(options.agencyName, url, r.locale) });
    if (!delivered) {
      skipped++;
      continue;
    }
    await db.transaction(async (tx) => {
      await tx
        .update(registrations)
        .set({ manageTokenHash: hashManageToken(token), manageTokenRotatedAt: now, reconfirmReminderSentAt: now })
        .where(eq(registrations.id, r.id));
      await recordAudit(tx, options.actor, { action: "registration.reconfirm_reminder_sent", targetType: "registration", targetId: r.id });
    });
    sent++;
  }
  return { sent, skipped };
}
