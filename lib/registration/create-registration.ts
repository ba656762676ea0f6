import "server-only";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cameras, registrations, registrationStatusHistory, type NewRegistration } from "@/db/schema";
import { AUDIT_ENTRY_CASTS, AUDIT_ENTRY_COLUMNS, auditEntryValues, recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { GeocodeAnswer, GeocodeMethod, GeocodeStatus, Geocoder } from "@/lib/geocode/types";
import type { PointGeometry } from "@/db/ewkb";
import { cameraRows, sitePoint } from "./cameras";
import { fixedStatement, insertValues, placeholders, runFixed } from "@/lib/db/fixed-statements";
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
  /** The resident's language (an available locale). */
  locale?: string;
  /** A mailer is configured: rotate the earlier owner's link so it can be e-mailed to them. */
  notifyExistingOwner?: boolean;
}

export interface RegistrationOutcome {
  id: string;
  /**
   * What the registrant is told. A submission held as a likely duplicate is
   * stored as pending_review, but the answer is the one it would have had
   * otherwise: the public answer never says whether an address was known.
   */
  status: "pending_review" | "active" | "inactive" | "withdrawn";
  /** What was stored (staff-side callers such as the import report this one). */
  storedStatus: "pending_review" | "active";
  manageToken: string;
  manageUrl: string;
  location: { lat: number; lng: number } | null;
  geocode: {
    status: GeocodeStatus;
    method: GeocodeMethod | null;
    matchedAddress: string | null;
    confidence: number | null;
    /** Why the geocoder did not find it, for staff and import reports (never shown with contact data). */
    reason: string | null;
    /** Did-you-mean / ambiguity candidates' addresses. */
    candidates: string[];
  };
  /** The earlier registration of the same address this one is held against (never told to the submitter). */
  duplicateOf: { id: string; ownerEmail: string | null; ownerLocale: string; noticeToken: string | null } | null;
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
    recordingMode: input.recordingMode,
    streetView: input.streetView ?? null,
    notes: input.notes ?? null,
  } satisfies Partial<NewRegistration>;
}

/**
 * Where the site is: a pin placed by hand (the resident's, or staff's for a caller) wins over the geocoder's guess.
 * `pinBy`: "owner", or the staff member who placed it (their label), recorded as a staff pin.
 */
export function locationColumns(pin: RegistrationDetails["pin"], answer: GeocodeAnswer, now: Date, pinBy: string) {
  if (pin) {
    return {
      location: sitePoint(pin.lat, pin.lng),
      locationMethod: "manual" as const,
      locationSource: pinBy === "owner" ? "owner pin" : "staff pin",
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

const LOCK_ADDRESS = fixedStatement("select pg_advisory_xact_lock(hashtext($1::text))");

/** The earlier live registration of the same address (the oldest), which a new one is held against. */
const EARLIER_REGISTRATION = fixedStatement(
  `select id, owner_email as "ownerEmail", locale as "ownerLocale", duplicate_notice_sent_at as "duplicateNoticeSentAt"
   from registrations
   where address_normalized = $1::text and status <> 'withdrawn' and merged_into_id is null and duplicate_of_id is null
     and contacts_erased_at is null
   order by created_at limit 1`,
);

type ExistingRow = { id: string; ownerEmail: string | null; ownerLocale: string; duplicateNoticeSentAt: Date | string | null };

/**
 * Register a camera system. A public submission NEVER edits an existing
 * registration: if the address (under the normalized key) is already
 * registered, the submission is saved as a new pending_review registration
 * linked to the earlier one (duplicateOfId) for staff to merge, and the
 * earlier owner can be told (see postRegistration). Geocoding happens first
 * and outside the transaction, bounded by a timeout; everything written —
 * registration, cameras, status history, audit entry — commits together.
 */
export async function createRegistration(db: Db, input: RegistrationInput, options: CreateRegistrationOptions): Promise<RegistrationOutcome> {
  const now = options.now ?? new Date();
  const addressKey = options.normalizeAddressKey(input.address);
  const answer = await geocodeWithTimeout(options.geocoder, input.address, options.geocodeTimeoutMs);
  // Entered by staff for a caller: the pin is theirs, not the resident's (the record and the review queue say so).
  const byStaff = options.source === "staff";
  const located = locationColumns(input.pin, answer, now, byStaff ? options.actor.label : "owner");
  // Only an address the reference data agrees with goes live; a resident's pin on an unfound address waits for staff.
  const ownStatus = answer.found && located.location ? ("active" as const) : ("pending_review" as const);
  const ownReason = answer.found
    ? "new registration: location unverified"
    : `address ${answer.status === "ambiguous" ? "is ambiguous" : "could not be geocoded"}${answer.reason ? ` (${answer.reason})` : ""}${
        input.pin ? (byStaff ? `; ${options.actor.label} placed the pin for the caller` : "; the resident placed the pin") : ""
      }`;
  const manageToken = generateManageToken();

  const result = await db.transaction(async (tx) => {
    // Serialise submissions of one address so two concurrent posts see each other.
    await runFixed(tx, LOCK_ADDRESS, [addressKey]);
    // Its own statement, after the lock: it needs a snapshot taken once the lock is held.
    const [found] = await runFixed<ExistingRow>(tx, EARLIER_REGISTRATION, [addressKey]);
    const existing = found ? { ...found, duplicateNoticeSentAt: found.duplicateNoticeSentAt === null ? null : new Date(found.duplicateNoticeSentAt) } : undefined;

    const status = existing ? ("pending_review" as const) : ownStatus;
    // The id is chosen here so the registration, its cameras, its first status and its audit entry are
    // written by one statement (one round trip instead of four), as fixed text (fixed-statements.ts).
    const id = crypto.randomUUID();
    const params: unknown[] = [];
    const writes = [
      insertValues(
        registrations,
        [
          {
            id,
            ...detailColumns(input, addressKey),
            ...located,
            locale: options.locale ?? "en",
            status,
            needsReview: true,
            reviewReason: existing ? `possible duplicate of an earlier registration of this address; ${ownReason}` : ownReason,
            duplicateOfId: existing?.id ?? null,
            consentAt: now,
            termsVersion: options.termsVersion,
            lastConfirmedAt: now,
            manageTokenHash: hashManageToken(manageToken),
            manageTokenRotatedAt: now,
            source: options.source ?? "public_form",
            createdAt: now,
            updatedAt: now,
          } satisfies NewRegistration,
        ],
        params,
      ),
      ...(input.cameras.length > 0 ? [insertValues(cameras, cameraRows(id, input.cameras, located.location, now), params)] : []),
      insertValues(
        registrationStatusHistory,
        [
          {
            registrationId: id,
            fromStatus: null,
            toStatus: status,
            reason: existing ? "registered; held as a possible duplicate" : "registered",
            actor: options.actor.label,
            at: now,
          } satisfies typeof registrationStatusHistory.$inferInsert,
        ],
        params,
      ),
    ];
    const audit = auditEntryValues(options.actor, {
      action: "registration.created",
      targetType: "registration",
      targetId: id,
      details: {
        status,
        source: options.source ?? "public_form",
        geocoded: answer.found,
        geocodeStatus: answer.status,
        geocodeMethod: located.locationMethod,
        cameras: input.cameras.length,
        termsVersion: options.termsVersion,
        ...(existing ? { duplicateOf: existing.id } : {}),
      },
    });
    writes.push(`insert into audit_log (${AUDIT_ENTRY_COLUMNS}) values (${placeholders(params.length + 1, audit.length, AUDIT_ENTRY_CASTS)})`);
    params.push(...audit);
    // Each write a data-modifying CTE of `with w1 as (…), w2 as (…) select 1`: PostgreSQL runs every one exactly once,
    // the statement commits (or fails) as a whole, and foreign keys are checked at its end, so the cameras may
    // reference the registration inserted beside them. The writes see the statement's starting snapshot, so none
    // may depend on another's effect.
    await runFixed(tx, fixedStatement(`with ${writes.map((w, i) => `w${i + 1} as (${w})`).join(", ")} select 1`), params);

    // The earlier owner gets their own (fresh) link by e-mail, at most once a day, and only
    // when there is a mailer to carry it: the link is rotated here, in the same commit.
    let noticeToken: string | null = null;
    const dayAgo = new Date(now.getTime() - 86_400_000);
    if (existing && options.notifyExistingOwner && existing.ownerEmail && (!existing.duplicateNoticeSentAt || existing.duplicateNoticeSentAt < dayAgo)) {
      noticeToken = generateManageToken();
      await tx
        .update(registrations)
        .set({ manageTokenHash: hashManageToken(noticeToken), manageTokenRotatedAt: now, duplicateNoticeSentAt: now })
        .where(eq(registrations.id, existing.id));
      await recordAudit(tx, options.actor, {
        action: "registration.duplicate_notice_sent",
        targetType: "registration",
        targetId: existing.id,
        details: { duplicate: id },
      });
    }
    return { id, status, duplicateOf: existing ? { id: existing.id, ownerEmail: existing.ownerEmail, ownerLocale: existing.ownerLocale, noticeToken } : null };
  });

  return {
    id: result.id,
    status: ownStatus,
    storedStatus: result.status,
    manageToken,
    manageUrl: manageUrlFor(options.baseUrl, manageToken),
    location: toLatLng(located.location),
    geocode: {
      status: answer.status,
      reason: answer.found ? null : (answer.reason ?? null),
      candidates: answer.found ? [] : (answer.candidates?.map((c) => c.address) ?? answer.suggestions),
      method: located.locationMethod,
      matchedAddress: located.matchedAddress,
      confidence: located.locationConfidence,
    },
    duplicateOf: result.duplicateOf,
  };
}
