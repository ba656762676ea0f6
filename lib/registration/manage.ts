import "server-only";
/**
 * Owner self-service through the private management link: view, edit, move
 * the pin, confirm still current, report a change, rotate the link. The token
 * is the only credential, so every lookup goes through its hash, and every
 * change is one transaction with its audit entry, listing what changed.
 *
 * The mutations take `(ctx, input)` like every other (lib/auth/mutation-context.ts)
 * with an OwnerContext: its principal is the owner holding the link, and the
 * link's token is that principal's credential, so the registration is found
 * by `ctx.principal.manageToken` and never by an id in the input. There is no
 * role to check: holding the link is the permission, and lockOpen refuses
 * closed registrations. manageRoute (manage-http.ts) builds the context.
 */
import { asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Tx } from "./tx";
import { cameras, registrations, registrationStatusHistory, type Registration } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { OwnerContext } from "@/lib/auth/mutation-context";
import { AppError } from "@/lib/http/errors";
import { relocateCameras, replaceCameras, sitePoint } from "./cameras";
import { diffRegistration } from "./changes";
import { detailColumns, locationColumns, toLatLng } from "./create-registration";
import type { FieldChange } from "./changes";
import { geocodeWithTimeout } from "./geocode-with-timeout";
import { generateManageToken, hashManageToken, isWellFormedManageToken, manageUrlFor } from "./manage-token";
import type { RegistrationServices } from "./runtime";
import { pinPlacedByResident } from "./pin-origin";
import { CLOSING_CHANGES, STATUS_CHANGES, type RegistrationDetails, type StatusChange } from "./schema";

/** How long an owner can reopen a registration they closed themselves, through the same link. */
export const UNDO_CLOSE_DAYS = 30;
const DAY_MS = 86_400_000;

export async function findByManageToken(db: Pick<Db, "select">, token: string): Promise<Registration | null> {
  if (!isWellFormedManageToken(token)) return null;
  const [row] = await db.select().from(registrations).where(eq(registrations.manageTokenHash, hashManageToken(token))).limit(1);
  return row ?? null;
}

/**
 * The status the owner's page shows. A submission held as a possible duplicate
 * of an earlier registration is shown as it would be otherwise, so the private
 * link of a new submission never tells anyone that the address was already
 * registered (staff see the real status and the link in the review queue).
 */
export function ownerFacingStatus(r: Pick<Registration, "status" | "duplicateOfId" | "location">): Registration["status"] {
  if (r.duplicateOfId && r.status === "pending_review" && r.location) return "active";
  return r.status;
}

/** A different point (more than ~1 cm apart) than the stored one. */
function movedFrom(stored: Registration["location"], next: Registration["location"]): boolean {
  if (!stored || !next) return stored !== next;
  const [a, b] = [stored.coordinates, next.coordinates];
  return Math.abs(a[0] - b[0]) > 1e-7 || Math.abs(a[1] - b[1]) > 1e-7;
}

/** Any change of place clears verification and sends an open registration back to review. */
function statusAfterMove(row: Registration): Registration["status"] {
  return row.status === "active" || row.status === "pending_review" ? "pending_review" : row.status;
}

/**
 * Until when the owner may reopen: only a closure they made themselves (not a
 * staff rejection or merge), within UNDO_CLOSE_DAYS, while the contacts exist.
 */
async function reopenableUntil(db: Pick<Db, "select">, r: Registration, now: Date): Promise<Date | null> {
  if ((r.status !== "withdrawn" && r.status !== "inactive") || !r.inactiveSince || r.mergedIntoId || r.contactsErasedAt) return null;
  const until = new Date(r.inactiveSince.getTime() + UNDO_CLOSE_DAYS * DAY_MS);
  if (until <= now) return null;
  const [last] = await db
    .select({ actor: registrationStatusHistory.actor, toStatus: registrationStatusHistory.toStatus })
    .from(registrationStatusHistory)
    .where(eq(registrationStatusHistory.registrationId, r.id))
    .orderBy(desc(registrationStatusHistory.at), desc(registrationStatusHistory.id))
    .limit(1);
  return last && last.actor === "owner" && last.toStatus === r.status ? until : null;
}

/** What the owner sees: their own answers in the API's shape, plus the state of the registration. */
export async function ownerView(db: Db, registration: Registration, now = new Date()) {
  const cams = await db.select().from(cameras).where(eq(cameras.registrationId, registration.id)).orderBy(asc(cameras.createdAt), asc(cameras.id));
  const r = registration;
  const undoUntil = await reopenableUntil(db, r, now);
  return {
    id: r.id,
    status: ownerFacingStatus(r),
    /** Set while the owner can still reopen a registration they closed. */
    reopenableUntil: undoUntil?.toISOString() ?? null,
    locale: r.locale,
    verified: r.verifiedAt !== null,
    lastConfirmedAt: r.lastConfirmedAt.toISOString(),
    inactiveSince: r.inactiveSince?.toISOString() ?? null,
    contactsErased: r.contactsErasedAt !== null,
    mergedIntoAnother: r.mergedIntoId !== null,
    location: toLatLng(r.location),
    matchedAddress: r.matchedAddress,
    pinConfirmed: r.pinConfirmedAt !== null,
    /** The owner's own pin ("You placed your address here"), not the registry's match. */
    pinPlacedByResident: pinPlacedByResident(r),
    details: {
      owner: { name: r.ownerName ?? "", businessName: r.businessName ?? "", phone: r.ownerPhone ?? "", email: r.ownerEmail ?? "" },
      address: { line1: r.addressLine1, unit: r.addressUnit ?? "", city: r.addressCity, state: r.addressState, zip: r.addressZip },
      alternateContact: r.alternateName ? { name: r.alternateName, phone: r.alternatePhone ?? "", email: r.alternateEmail ?? "" } : undefined,
      cameraLocations: r.cameraLocations,
      cameras: cams.map((c) => ({
        position: c.position,
        bearingDeg: c.bearingDeg ?? undefined,
        fovDeg: c.fovDeg ?? undefined,
        rangeM: c.rangeM ?? undefined,
        recordsStreet: c.recordsStreet,
        note: c.note ?? undefined,
      })),
      recordsStreetTraffic: r.recordsStreetTraffic,
      streetView: r.streetView ?? "",
      playback: r.playback,
      recordingMode: r.recordingMode,
      retentionDays: r.retentionDays ?? undefined,
      cameraCount: r.cameraCount,
      notes: r.notes ?? "",
    },
  };
}
export type OwnerView = Awaited<ReturnType<typeof ownerView>>;

/** A status move as a change-list entry (the shape lib/registration/changes.ts records); none when it stayed. */
function statusChange(from: Registration["status"], to: Registration["status"]): FieldChange[] {
  return from === to ? [] : [{ field: "status", from, to }];
}

/** Lock the row by token for the rest of the transaction; closed registrations cannot be changed. */
async function lockOpen(tx: Tx, token: string): Promise<Registration> {
  if (!isWellFormedManageToken(token)) throw new AppError("not_found", "unknown link");
  const [row] = await tx
    .select()
    .from(registrations)
    .where(eq(registrations.manageTokenHash, hashManageToken(token)))
    .for("update")
    .limit(1);
  if (!row) throw new AppError("not_found", "unknown link");
  if (row.status === "withdrawn" || row.status === "inactive" || row.mergedIntoId) {
    throw new AppError("conflict", "this registration is closed; register again if you have cameras at this address");
  }
  return row;
}

/**
 * The owner replaces their answers. `details` are already parsed by the route (the owner's
 * language's messages); `locale` is the language they are using now, kept for e-mails when given.
 */
export async function updateByOwner(ctx: OwnerContext & RegistrationServices, { details, locale }: { details: RegistrationDetails; locale?: string }) {
  const { db, now = new Date() } = ctx;
  const token = ctx.principal.manageToken;
  const current = await findByManageToken(db, token);
  if (!current) throw new AppError("not_found", "unknown link");
  const addressKey = ctx.normalizeAddressKey(details.address);
  // Compare with the stored address under today's key, not the stored key: a key written by an older key
  // function (before registrations:maintenance recomputes it) must not make every edit look like a move.
  const storedAddress = {
    line1: current.addressLine1,
    unit: current.addressUnit,
    city: current.addressCity,
    state: current.addressState,
    zip: current.addressZip,
  };
  const addressChanged = addressKey !== ctx.normalizeAddressKey(storedAddress);
  // Re-geocode only a changed address; otherwise keep the (possibly staff-fixed) pin unless the owner moved it.
  const located = addressChanged
    ? locationColumns(details.pin, await geocodeWithTimeout(ctx.geocoder, details.address, ctx.geocodeTimeoutMs), now, "owner")
    : details.pin
      ? locationColumns(details.pin, { status: "not_found", found: false, suggestions: [] }, now, "owner")
      : null;
  return db.transaction(async (tx) => {
    const row = await lockOpen(tx, token);
    const location = located ? located.location : row.location;
    const moved = addressChanged || movedFrom(row.location, location);
    // An owner's edit never activates a registration; a move sends it back to review unverified.
    const status = !location ? "pending_review" : moved ? statusAfterMove(row) : row.status;
    const columns = detailColumns(details, addressKey);
    const beforeCameras = await tx.select().from(cameras).where(eq(cameras.registrationId, row.id)).orderBy(asc(cameras.createdAt), asc(cameras.id));
    const changes = diffRegistration(row, beforeCameras, columns, details.cameras);
    if (movedFrom(row.location, location)) changes.push({ field: "location", from: toLatLng(row.location), to: toLatLng(location) });
    await tx
      .update(registrations)
      .set({
        ...columns,
        ...(locale ? { locale } : {}),
        ...(located ? { ...located, matchedAddress: located.matchedAddress ?? (addressChanged ? null : row.matchedAddress) } : {}),
        status,
        needsReview: true,
        reviewReason: addressChanged ? "owner changed the address" : moved ? "owner moved the pin" : "owner updated the registration",
        verifiedAt: moved ? null : row.verifiedAt,
        verifiedBy: moved ? null : row.verifiedBy,
        lastConfirmedAt: now,
        updatedAt: now,
      })
      .where(eq(registrations.id, row.id));
    await replaceCameras(tx, row.id, details.cameras, location, now);
    if (status !== row.status) {
      await tx.insert(registrationStatusHistory).values({ registrationId: row.id, fromStatus: row.status, toStatus: status, reason: "updated by owner", actor: ctx.actor.label, at: now });
    }
    await recordAudit(tx, ctx.actor, {
      action: "registration.updated_by_owner",
      targetType: "registration",
      targetId: row.id,
      details: { changes, addressChanged, moved, status },
    });
    // As the owner's page shows it: the answer must not tell a held duplicate from any other registration.
    return { id: row.id, status: ownerFacingStatus({ status, duplicateOfId: row.duplicateOfId, location }) };
  });
}

/** The owner confirms or drags their site's pin (`pin` already parsed by the route). */
export async function setPinByOwner({ db, actor, principal, now = new Date() }: OwnerContext, pin: { lat: number; lng: number }) {
  return db.transaction(async (tx) => {
    const row = await lockOpen(tx, principal.manageToken);
    const site = sitePoint(pin.lat, pin.lng);
    const moved = movedFrom(row.location, site);
    // Confirming the pin where it is changes nothing; moving it clears verification and goes back to review.
    const status = moved ? statusAfterMove(row) : row.status;
    await tx
      .update(registrations)
      .set({
        location: site,
        locationMethod: "manual",
        locationSource: "owner pin",
        locationConfidence: 1,
        pinConfirmedBy: "owner",
        pinConfirmedAt: now,
        status,
        ...(moved ? { verifiedAt: null, verifiedBy: null } : {}),
        needsReview: true,
        reviewReason: moved ? "owner moved the pin" : "owner confirmed the pin",
        updatedAt: now,
      })
      .where(eq(registrations.id, row.id));
    await relocateCameras(tx, row.id, site, now);
    if (status !== row.status) {
      await tx.insert(registrationStatusHistory).values({ registrationId: row.id, fromStatus: row.status, toStatus: status, reason: "owner placed the pin", actor: actor.label, at: now });
    }
    const changes: FieldChange[] = moved ? [{ field: "location", from: toLatLng(row.location), to: toLatLng(site) }] : [];
    await recordAudit(tx, actor, {
      action: "registration.pin_set_by_owner",
      targetType: "registration",
      targetId: row.id,
      details: { lat: pin.lat, lng: pin.lng, changes: [...changes, ...statusChange(row.status, status)] },
    });
    return { id: row.id, status: ownerFacingStatus({ status, duplicateOfId: row.duplicateOfId, location: site }), location: pin };
  });
}

/** "Still current": the registration is confirmed as it is (the owner's whole input is the click). */
export async function confirmStillCurrent({ db, actor, principal, now = new Date() }: OwnerContext) {
  return db.transaction(async (tx) => {
    const row = await lockOpen(tx, principal.manageToken);
    await tx.update(registrations).set({ lastConfirmedAt: now, updatedAt: now }).where(eq(registrations.id, row.id));
    await recordAudit(tx, actor, {
      action: "registration.confirmed_by_owner",
      targetType: "registration",
      targetId: row.id,
      details: { changes: [{ field: "lastConfirmedAt", from: row.lastConfirmedAt.toISOString(), to: now.toISOString() }] },
    });
    return { id: row.id, lastConfirmedAt: now.toISOString() };
  });
}

/**
 * The changes the reference form lists, and "Other". Stopping or moving away
 * closes the registration at once (it drops out of investigations
 * immediately; the owner may reopen it for UNDO_CLOSE_DAYS); contact details
 * are erased later by eraseExpiredContacts. A change of camera locations keeps
 * it as it is and flags it for staff while the owner edits; "Other" does the
 * same with the owner's reason for staff to read.
 */
export async function reportChange({ db, actor, principal, now = new Date() }: OwnerContext, report: { change: StatusChange; reason?: string }) {
  const { change } = report;
  return db.transaction(async (tx) => {
    const row = await lockOpen(tx, principal.manageToken);
    const reason = change === "other" ? `${STATUS_CHANGES.other}: ${report.reason ?? ""}` : STATUS_CHANGES[change];
    const toStatus = change === "no_longer_using" ? "withdrawn" : change === "moved_away" ? "inactive" : row.status;
    await tx
      .update(registrations)
      .set({
        status: toStatus,
        needsReview: true,
        reviewReason: `owner reported: ${reason}`,
        inactiveSince: toStatus === row.status ? row.inactiveSince : now,
        updatedAt: now,
      })
      .where(eq(registrations.id, row.id));
    if (toStatus !== row.status || change === "other") {
      await tx.insert(registrationStatusHistory).values({ registrationId: row.id, fromStatus: row.status, toStatus, reason, actor: actor.label, at: now });
    }
    await recordAudit(tx, actor, {
      action: "registration.change_reported",
      targetType: "registration",
      targetId: row.id,
      details: {
        change,
        status: toStatus,
        closes: CLOSING_CHANGES.includes(change),
        ...(change === "other" ? { reason: report.reason } : {}),
        changes: statusChange(row.status, toStatus),
      },
    });
    return { id: row.id, status: toStatus };
  });
}

/** Undo an owner's own closure within UNDO_CLOSE_DAYS: back to pending_review, for staff to check again. */
export async function reopenByOwner({ db, actor, principal, now = new Date() }: OwnerContext) {
  const token = principal.manageToken;
  return db.transaction(async (tx) => {
    if (!isWellFormedManageToken(token)) throw new AppError("not_found", "unknown link");
    const [row] = await tx.select().from(registrations).where(eq(registrations.manageTokenHash, hashManageToken(token))).for("update").limit(1);
    if (!row) throw new AppError("not_found", "unknown link");
    if (!(await reopenableUntil(tx, row, now))) {
      throw new AppError("conflict", `only a registration you closed yourself in the last ${UNDO_CLOSE_DAYS} days can be reopened`);
    }
    await tx
      .update(registrations)
      .set({ status: "pending_review", inactiveSince: null, needsReview: true, reviewReason: "owner reopened a registration they had closed", updatedAt: now, lastConfirmedAt: now })
      .where(eq(registrations.id, row.id));
    await tx.insert(registrationStatusHistory).values({ registrationId: row.id, fromStatus: row.status, toStatus: "pending_review", reason: "reopened by owner", actor: actor.label, at: now });
    await recordAudit(tx, actor, {
      action: "registration.reopened_by_owner",
      targetType: "registration",
      targetId: row.id,
      details: { from: row.status, changes: statusChange(row.status, "pending_review") },
    });
    return { id: row.id, status: "pending_review" as const };
  });
}

/** A new link (built on `baseUrl`, the public origin); the old one stops working in the same commit. */
export async function rotateManageToken({ db, actor, principal, now = new Date(), baseUrl }: OwnerContext & { baseUrl: string }) {
  const token = principal.manageToken;
  const fresh = generateManageToken();
  return db.transaction(async (tx) => {
    if (!isWellFormedManageToken(token)) throw new AppError("not_found", "unknown link");
    const [row] = await tx.select().from(registrations).where(eq(registrations.manageTokenHash, hashManageToken(token))).for("update").limit(1);
    if (!row) throw new AppError("not_found", "unknown link");
    await tx.update(registrations).set({ manageTokenHash: hashManageToken(fresh), manageTokenRotatedAt: now, updatedAt: now }).where(eq(registrations.id, row.id));
    await recordAudit(tx, actor, { action: "registration.manage_link_rotated", targetType: "registration", targetId: row.id });
    return { id: row.id, manageToken: fresh, manageUrl: manageUrlFor(baseUrl, fresh) };
  });
}
