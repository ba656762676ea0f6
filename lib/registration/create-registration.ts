import "server-only";
import { and, eq, isNull, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { registrations, registrationStatusHistory, type NewRegistration } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { GeocodeAnswer, GeocodeMethod, Geocoder } from "@/lib/geocode/types";
import type { PointGeometry } from "@/lib/geo/ewkb";
import { replaceCameras, sitePoint } from "./cameras";
import { geocodeWithTimeout } from "./geocode-with-timeout";
import { generateManageToken, hashManageToken, manageUrlFor } from "./manage-token";
import type { RegistrationDetails, RegistrationInput } from "./schema";

export interface CreateRegistrationOptions {
  geocoder: Geocoder;
  normalizeAddressKey: (address: RegistrationInput["address"]) => string;
  actor: AuditActor;
  baseUrl: string;
  termsVersion: string;
  geocodeTimeoutMs: number;
  now?: Date;
  /** "public_form", "api", "import" */
  source?: string;
}

export interface RegistrationOutcome {
  id: string;
  status: "pending_review" | "active" | "inactive" | "withdrawn";
  manageToken: string;
  manageUrl: string;
  location: { lat: number; lng: number } | null;
  geocode: { method: GeocodeMethod | null; matchedAddress: string | null; confidence: number | null };
  /** True when an earlier registration for the same address and e-mail was updated instead. */
  updatedExisting: boolean;
}

/** Columns derived from the resident's answers (shared by create, resubmit and owner edits). */
export function detailColumns(input: RegistrationDetails, addressKey: string) {
  return {
    ownerName: input.owner.name,
    businessName: input.owner.businessName ?? null,
    ownerPhone: input.owner.phone,
    ownerEmail: input.owner.email,
    alternateName: input.alternateContact?.name ?? null,
    alternatePhone: input.alternateContact?.phone ?? null,
    alternateEmail: input.alternateContact?.email ?? null,
    addressLine1: input.address.line1,
    addressUnit: input.address.unit ?? null,
    addressCity: input.address.city,
    addressState: input.address.state,
    addressZip: input.address.zip,
    addressNormalized: addressKey,
    cameraLocations: input.cameraLocations,
    cameraCount: input.cameraCount,
    retentionDays: input.retentionDays ?? null,
    playback: input.playback,
    recordsStreetTraffic: input.recordsStreetTraffic,
    streetView: input.streetView ?? null,
    notes: input.notes ?? null,
  } satisfies Partial<NewRegistration>;
}

/** Where the site is: the resident's own pin wins over the geocoder's guess. */
export function locationColumns(pin: RegistrationDetails["pin"], answer: GeocodeAnswer, now: Date, pinBy: string) {
  if (pin) {
    return {
      location: sitePoint(pin.lat, pin.lng),
      locationMethod: "manual" as const,
      locationSource: "owner pin",
      locationConfidence: 1,
      matchedAddress: answer.found ? answer.matchedAddress : null,
      pinConfirmedBy: pinBy,
      pinConfirmedAt: now,
    };
  }
  if (answer.found) {
    return {
      location: sitePoint(answer.lat, answer.lng),
      locationMethod: answer.method,
      locationSource: answer.source,
      locationConfidence: answer.confidence,
      matchedAddress: answer.matchedAddress,
      pinConfirmedBy: null,
      pinConfirmedAt: null,
    };
  }
  return {
    location: null,
    locationMethod: null,
    locationSource: null,
    locationConfidence: null,
    matchedAddress: null,
    pinConfirmedBy: null,
    pinConfirmedAt: null,
  };
}

export function toLatLng(location: PointGeometry | null | undefined) {
  return location ? { lat: location.coordinates[1], lng: location.coordinates[0] } : null;
}

/**
 * Register a camera system (or update the owner's earlier registration of the
 * same address with the same e-mail). Geocoding happens first and outside the
 * transaction, bounded by a timeout; everything written — registration,
 * cameras, status history, audit entry — commits together or not at all.
 */
export async function createRegistration(db: Db, input: RegistrationInput, options: CreateRegistrationOptions): Promise<RegistrationOutcome> {
  const now = options.now ?? new Date();
  const addressKey = options.normalizeAddressKey(input.address);
  const answer = await geocodeWithTimeout(options.geocoder, input.address, options.geocodeTimeoutMs);
  const located = locationColumns(input.pin, answer, now, "owner");
  const status = located.location ? ("active" as const) : ("pending_review" as const);
  const reviewReason = located.location
    ? "new registration: location unverified"
    : `address could not be geocoded${!answer.found && answer.reason ? ` (${answer.reason})` : ""}`;
  const manageToken = generateManageToken();

  const result = await db.transaction(async (tx) => {
    // Serialise resubmissions of one address so two concurrent posts cannot both insert.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${addressKey}))`);
    const [existing] = await tx
      .select({ id: registrations.id, status: registrations.status })
      .from(registrations)
      .where(
        and(
          eq(registrations.addressNormalized, addressKey),
          eq(sql`lower(${registrations.ownerEmail})`, input.owner.email.toLowerCase()),
          notInArray(registrations.status, ["withdrawn"]),
          isNull(registrations.mergedIntoId),
        ),
      )
      .limit(1);

    const columns = {
      ...detailColumns(input, addressKey),
      ...located,
      status,
      needsReview: true,
      reviewReason: existing ? `resubmitted by owner; ${reviewReason}` : reviewReason,
      consentAt: now,
      termsVersion: options.termsVersion,
      lastConfirmedAt: now,
      manageTokenHash: hashManageToken(manageToken),
      manageTokenRotatedAt: now,
      inactiveSince: null,
      updatedAt: now,
    };

    let id: string;
    if (existing) {
      id = existing.id;
      await tx.update(registrations).set(columns).where(eq(registrations.id, id));
    } else {
      const [row] = await tx
        .insert(registrations)
        .values({ ...columns, source: options.source ?? "public_form", createdAt: now })
        .returning({ id: registrations.id });
      id = row.id;
    }
    await replaceCameras(tx, id, input.cameras, located.location, now);
    if (!existing || existing.status !== status) {
      await tx.insert(registrationStatusHistory).values({
        registrationId: id,
        fromStatus: existing?.status ?? null,
        toStatus: status,
        reason: existing ? "resubmitted by owner" : "registered",
        actor: options.actor.label,
        at: now,
      });
    }
    await recordAudit(tx, options.actor, {
      action: existing ? "registration.resubmitted" : "registration.created",
      targetType: "registration",
      targetId: id,
      details: {
        status,
        source: options.source ?? "public_form",
        geocoded: answer.found,
        geocodeMethod: located.locationMethod,
        cameras: input.cameras.length,
        termsVersion: options.termsVersion,
      },
    });
    return { id, updatedExisting: Boolean(existing) };
  });

  return {
    id: result.id,
    status,
    manageToken,
    manageUrl: manageUrlFor(options.baseUrl, manageToken),
    location: toLatLng(located.location),
    geocode: {
      method: located.locationMethod,
      matchedAddress: located.matchedAddress,
      confidence: located.locationConfidence,
    },
    updatedExisting: result.updatedExisting,
  };
}
