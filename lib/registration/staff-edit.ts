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
import { availableLocales } from "@/lib/i18n/locales";
import type { AddressInput, Geocoder } from "@/lib/geocode/types";
import { AppError } from "@/lib/http/errors";
import { replaceCameras } from "./cameras";
import { createRegistration, detailColumns, locationColumns, toLatLng, type RegistrationOutcome } from "./create-registration";
import { diffRegistration } from "./changes";
import { geocodeWithTimeout } from "./geocode-with-timeout";
import { ownerView } from "./manage";
import type { RegistrationDetails, RegistrationInput } from "./schema";

export interface StaffRegistrationDeps {
  geocoder: Geocoder;
  normalizeAddressKey: (address: AddressInput) => string;
  actor: AuditActor;
  geocodeTimeoutMs: number;
  now?: Date;
}

/** A registration entered by staff for a caller; the caller's answers go through the public schema. */
export function createByStaff(
  db: Db,
  input: RegistrationInput,
  deps: StaffRegistrationDeps & { baseUrl: string; termsVersion: string; locale: string },
): Promise<RegistrationOutcome> {
  return createRegistration(db, input, {
    geocoder: deps.geocoder,
    normalizeAddressKey: deps.normalizeAddressKey,
    actor: deps.actor,
    baseUrl: deps.baseUrl,
    termsVersion: deps.termsVersion,
    geocodeTimeoutMs: deps.geocodeTimeoutMs,
    now: deps.now,
    source: "staff",
    locale: deps.locale,
  });
}

/**
 * Staff correct a registration: the same answers an owner gives, checked by the same schema.
 * A changed address is geocoded again; a staff pin wins. An open registration stays as it is
 * (staff made the change) unless it has no location any more, which sends it to review.
 */
export async function updateByStaff(db: Db, id: string, details: RegistrationDetails, deps: StaffRegistrationDeps) {
  const now = deps.now ?? new Date();
  const [current] = await db.select().from(registrations).where(eq(registrations.id, id)).limit(1);
  if (!current) throw new AppError("not_found", "no such registration");
  const addressKey = deps.normalizeAddressKey(details.address);
  const storedKey = deps.normalizeAddressKey({
    line1: current.addressLine1,
    unit: current.addressUnit ?? undefined,
    city: current.addressCity,
    state: current.addressState,
    zip: current.addressZip,
  });
  const addressChanged = addressKey !== storedKey;
  const answer = addressChanged ? await geocodeWithTimeout(deps.geocoder, details.address, deps.geocodeTimeoutMs) : null;
  const located = details.pin
    ? locationColumns(details.pin, answer ?? { status: "not_found", found: false, suggestions: [] }, now, deps.actor.label)
    : answer
      ? locationColumns(undefined, answer, now, deps.actor.label)
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
      await tx.insert(registrationStatusHistory).values({ registrationId: id, fromStatus: row.status, toStatus: status, reason: "edited by staff", actor: deps.actor.label, at: now });
    }
    await recordAudit(tx, deps.actor, {
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
