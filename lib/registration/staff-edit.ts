import "server-only";
/**
 * Staff working a registration for a resident: entering one for a caller who
 * phones in (source "staff"), and correcting one. Both geocode the address as
 * the public form does and are audited in the transaction that writes them.
 * A staff edit's audit entry lists what changed, field by field; contact
 * fields are listed as changed without their values, because the audit trail
 * is append-only and must not keep contact details after they are erased.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cameras, registrations, registrationStatusHistory } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { requireRole, type StaffContext } from "@/lib/auth/mutation-context";
import { availableLocales } from "@/lib/i18n/locales";
import { AppError } from "@/lib/http/errors";
import { replaceCameras } from "./cameras";
import { createRegistration, detailColumns, locationColumns, toLatLng, type RegistrationOutcome } from "./create-registration";
import { diffRegistration } from "./changes";
import { geocodeWithTimeout } from "./geocode-with-timeout";
import { ownerView } from "./manage";
import type { RegistrationServices } from "./runtime";
import type { RegistrationDetails, RegistrationInput } from "./schema";

/**
 * A registration entered by staff (any staff member) for a caller; the caller's answers went through
 * the public schema in the route. `locale` is the caller's language, one the app speaks.
 */
export function createByStaff(
  ctx: StaffContext & RegistrationServices & { baseUrl: string; termsVersion: string },
  { registration, locale }: { registration: RegistrationInput; locale: string },
): Promise<RegistrationOutcome> {
  return createRegistration(ctx.db, registration, {
    geocoder: ctx.geocoder,
    normalizeAddressKey: ctx.normalizeAddressKey,
    actor: ctx.actor,
    baseUrl: ctx.baseUrl,
    termsVersion: ctx.termsVersion,
    geocodeTimeoutMs: ctx.geocodeTimeoutMs,
    now: ctx.now,
    source: "staff",
    locale,
  });
}

/**
 * Staff correct a registration: the same answers an owner gives, checked by the same schema.
 * A changed address is geocoded again; a staff pin wins. An open registration stays as it is
 * (staff made the change) unless it has no location any more, which sends it to review.
 * `details` are already parsed by the owner's schema; `id` comes from the URL.
 */
export async function updateByStaff(ctx: StaffContext & RegistrationServices, { id, details }: { id: string; details: RegistrationDetails }) {
  const { db, principal, actor, now = new Date(), ...services } = ctx;
  requireRole(principal, "supervisor", "only a supervisor can correct a registration");
  const [current] = await db.select().from(registrations).where(eq(registrations.id, id)).limit(1);
  if (!current) throw new AppError("not_found", "no such registration");
  const addressKey = services.normalizeAddressKey(details.address);
  const storedKey = services.normalizeAddressKey({
    line1: current.addressLine1,
    unit: current.addressUnit ?? undefined,
    city: current.addressCity,
    state: current.addressState,
    zip: current.addressZip,
  });
  const addressChanged = addressKey !== storedKey;
  const answer = addressChanged ? await geocodeWithTimeout(services.geocoder, details.address, services.geocodeTimeoutMs) : null;
  const located = details.pin
    ? locationColumns(details.pin, answer ?? { status: "not_found", found: false, suggestions: [] }, now, actor.label)
    : answer
      ? locationColumns(undefined, answer, now, actor.label)
      : null;

  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(registrations).where(eq(registrations.id, id)).for("update").limit(1);
    if (!row) throw new AppError("not_found", "no such registration");
    if (row.mergedIntoId || row.status === "withdrawn" || row.status === "inactive") {
      throw new AppError("conflict", "this registration is closed; the owner (or a new registration) has to reopen it");
    }
    const beforeCameras = await tx.select().from(cameras).where(eq(cameras.registrationId, id)).orderBy(asc(cameras.createdAt), asc(cameras.id));
    const columns = detailColumns(details, addressKey);
    const changes = diffRegistration(row, beforeCameras, columns, details.cameras);
    // The owner's language (their e-mails), when staff set one the app speaks: a caller who asks for Spanish.
    const locale = details.language && availableLocales().includes(details.language) && details.language !== row.locale ? details.language : null;
    if (locale) changes.push({ field: "locale", from: row.locale, to: locale });
    const location = located ? located.location : row.location;
    const moved = JSON.stringify(location?.coordinates ?? null) !== JSON.stringify(row.location?.coordinates ?? null);
    if (moved) changes.push({ field: "location", from: toLatLng(row.location), to: toLatLng(location) });
    if (changes.length === 0) return { id, status: row.status, changes };

    const status = location ? row.status : "pending_review";
    await tx
      .update(registrations)
      .set({
        ...columns,
        ...(located ? { ...located, matchedAddress: located.matchedAddress } : {}),
        ...(locale ? { locale } : {}),
        status,
        ...(location ? {} : { needsReview: true, reviewReason: "staff changed the address and it could not be placed on the map" }),
        updatedAt: now,
      })
      .where(eq(registrations.id, id));
    await replaceCameras(tx, id, details.cameras, location, now);
    if (status !== row.status) {
      await tx.insert(registrationStatusHistory).values({ registrationId: id, fromStatus: row.status, toStatus: status, reason: "edited by staff", actor: actor.label, at: now });
    }
    await recordAudit(tx, actor, {
      action: "registration.updated_by_staff",
      targetType: "registration",
      targetId: id,
      details: { changes, addressChanged, status },
    });
    return { id, status, changes };
  });
}

/** The registration with its contacts, for the staff edit page: a contact read, audited as one. */
export async function loadForStaffEdit(db: Db, id: string, actor: AuditActor) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(registrations).where(eq(registrations.id, id)).limit(1);
    if (!row) return null;
    await recordAudit(tx, actor, {
      action: "registration.contacts_viewed",
      targetType: "registration",
      targetId: id,
      details: { via: "staff edit page" },
    });
    return { row, view: await ownerView(tx as unknown as Db, row) };
  });
}
