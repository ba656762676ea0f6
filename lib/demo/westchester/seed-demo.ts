import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { point } from "@/db/postgis";
import { addressPoints, cameras, registrations, streetCenterlines, type NewCamera, type NewRegistration } from "@/db/schema";
import { recordAudit, systemActor } from "@/lib/audit/record-audit";
import { createLocalGeocoder } from "@/lib/geocode/local";
import { normalizeAddressKey } from "@/lib/geocode/address-key";
import { buildViewCone } from "@/lib/investigation/view-cone";
import { DEMO_SOURCE, generateDemoDataset, type DemoDataset } from "./generate";
import { DEMO_CITY, DEMO_STATE, DEMO_ZIP } from "./network";
import { DEMO_ID_KIND, demoUuid } from "./prng";

const KIND = DEMO_ID_KIND;
const BATCH = 500;

export interface DemoSeedResult {
  centerlines: number;
  addressPoints: number;
  registrations: number;
  cameras: number;
  byMethod: Record<string, number>;
  notPlaced: number;
}

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<number>): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += BATCH) added += await insert(rows.slice(i, i + BATCH));
  return added;
}

/** Reference layers only (what geo:import would load from a 9-1-1 authority). */
export async function loadDemoReferenceData(
  tx: Db,
  dataset: DemoDataset = generateDemoDataset(),
): Promise<{ centerlines: number; addressPoints: number }> {
  const centerlineRows = dataset.blocks.map((b) => ({
    id: demoUuid(KIND.centerline, b.index),
    stPreDir: b.street.preDir,
    stName: b.street.name,
    stPosTyp: b.street.type,
    fromAddrL: b.fromAddrL,
    toAddrL: b.toAddrL,
    fromAddrR: b.fromAddrR,
    toAddrR: b.toAddrR,
    parityL: b.parityL,
    parityR: b.parityR,
    zipL: DEMO_ZIP,
    zipR: DEMO_ZIP,
    cityL: DEMO_CITY,
    cityR: DEMO_CITY,
    geom: { type: "LineString" as const, coordinates: b.coordinates },
    source: DEMO_SOURCE,
  }));
  const centerlines = await insertInBatches(centerlineRows, async (batch) =>
    (await tx.insert(streetCenterlines).values(batch).onConflictDoNothing().returning({ id: streetCenterlines.id })).length,
  );
  const pointRows = dataset.houses.flatMap((h) =>
    h.addressPoint
      ? [
          {
            id: demoUuid(KIND.addressPoint, h.index),
            addNumber: h.number,
            stPreDir: h.street.preDir,
            stName: h.street.name,
            stPosTyp: h.street.type,
            city: DEMO_CITY,
            state: DEMO_STATE,
            zip: DEMO_ZIP,
            location: point(h.addressPoint.lng, h.addressPoint.lat),
            source: DEMO_SOURCE,
          },
        ]
      : [],
  );
  const points = await insertInBatches(pointRows, async (batch) =>
    (await tx.insert(addressPoints).values(batch).onConflictDoNothing().returning({ id: addressPoints.id })).length,
  );
  return { centerlines, addressPoints: points };
}

/**
 * The synthetic Westchester demo: reference layers, then ~300 registrations
 * placed by the local geocoder against them (as the public form would), with
 * their cameras' view cones. Idempotent: fixed ids; rows already there are kept.
 */
export async function seedDemo(db: Db): Promise<DemoSeedResult> {
  const dataset = generateDemoDataset();
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const reference = await loadDemoReferenceData(tx, dataset);

    const ids = dataset.registrations.map((r) => demoUuid(KIND.registration, r.index));
    const existing = new Set(
      (await tx.select({ id: registrations.id }).from(registrations).where(inArray(registrations.id, ids))).map((r) => r.id),
    );
    const toPlace = dataset.registrations.filter((r) => !existing.has(ids[r.index]));
    // One batch statement for all of them instead of a round trip each.
    const answers = await createLocalGeocoder(tx).geocodeMany(toPlace.map((r) => r.address));
    const registrationRows: NewRegistration[] = [];
    const cameraRows: NewCamera[] = [];
    const byMethod: Record<string, number> = {};
    let notPlaced = 0;
    for (const [k, r] of toPlace.entries()) {
      const id = ids[r.index];
      const answer = answers[k];
      const location = answer.found ? point(answer.lng, answer.lat) : null;
      if (answer.found) byMethod[answer.method] = (byMethod[answer.method] ?? 0) + 1;
      else notPlaced++;
      registrationRows.push({
        id,
        status: r.status,
        needsReview: r.status === "pending_review" || !answer.found,
        reviewReason: answer.found ? null : "address not found by the geocoder",
        verifiedAt: r.status === "active" ? r.lastConfirmedAt : null,
        source: DEMO_SOURCE,
        ownerName: r.ownerName,
        businessName: r.businessName,
        ownerPhone: r.ownerPhone,
        ownerEmail: r.ownerEmail,
        alternateName: r.alternate?.name ?? null,
        alternatePhone: r.alternate?.phone ?? null,
        alternateEmail: r.alternate?.email ?? null,
        addressLine1: r.address.line1,
        addressUnit: r.address.unit,
        addressCity: r.address.city,
        addressState: r.address.state,
        addressZip: r.address.zip,
        addressNormalized: normalizeAddressKey(r.address),
        location,
        locationMethod: answer.found ? answer.method : null,
        locationSource: answer.found ? answer.source : null,
        locationConfidence: answer.found ? answer.confidence : null,
        matchedAddress: answer.found ? answer.matchedAddress : null,
        cameraLocations: r.cameraLocations,
        cameraCount: r.cameras.length,
        retentionDays: r.retentionDays,
        recordingMode: r.recordingMode,
        playback: r.playback,
        recordsStreetTraffic: r.recordsStreetTraffic,
        streetView: r.streetView,
        notes: r.notes,
        consentAt: r.consentAt,
        termsVersion: "2026-01",
        lastConfirmedAt: r.lastConfirmedAt,
        inactiveSince: r.status === "inactive" || r.status === "withdrawn" ? r.lastConfirmedAt : null,
        createdAt: r.consentAt,
        updatedAt: r.lastConfirmedAt,
      });
      r.cameras.forEach((c, i) => {
        cameraRows.push({
          id: demoUuid(KIND.camera, r.index * 10 + i),
          registrationId: id,
          position: c.position,
          location,
          bearingDeg: c.bearingDeg,
          fovDeg: c.fovDeg,
          rangeM: c.rangeM,
          recordsStreet: c.recordsStreet,
          viewCone: answer.found
            ? buildViewCone({ lat: answer.lat, lng: answer.lng, bearingDeg: c.bearingDeg, fovDeg: c.fovDeg, rangeM: c.rangeM })
            : null,
          note: c.note,
        });
      });
    }
    const addedRegistrations = await insertInBatches(registrationRows, async (batch) =>
      (await tx.insert(registrations).values(batch).onConflictDoNothing().returning({ id: registrations.id })).length,
    );
    const addedCameras = await insertInBatches(cameraRows, async (batch) =>
      (await tx.insert(cameras).values(batch).onConflictDoNothing().returning({ id: cameras.id })).length,
    );
    const result = { ...reference, registrations: addedRegistrations, cameras: addedCameras, byMethod, notPlaced };
    if (reference.centerlines + reference.addressPoints + addedRegistrations > 0) {
      await recordAudit(tx, systemActor("demo-seed"), { action: "demo.seeded", targetType: "dataset", targetId: DEMO_SOURCE, details: { ...result } });
    }
    return result;
  });
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const result = await db.execute(sql`select not exists (select 1 from registrations) as empty`);
  return Boolean((result.rows[0] as { empty: boolean }).empty);
}
