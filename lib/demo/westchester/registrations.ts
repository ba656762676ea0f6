/**
 * Synthetic registrations (fictional people, 555-01xx phone numbers,
 * example.com e-mail) at demo buildings, with cameras in a realistic mix.
 */
import type { RECORDING_MODES } from "@/db/schema/enum-values";
import { formatStreet } from "@/lib/geocode/parse";
import type { DemoHouse } from "./houses";
import type { Prng } from "./prng";

export const DEMO_REGISTRATION_COUNT = 300;

const DAY_MS = 86_400_000;
/** Consents fall in the 680 days from 2025-01-01 (between 08:00 and 20:00 UTC). */
const CONSENT_FROM_MS = Date.UTC(2025, 0, 1);
const CONSENT_DAYS = 680;
/**
 * The demo's "today": no generated date lies after it (the last possible consent),
 * so a seeded demo never shows a confirmation that has not happened yet.
 */
export const DEMO_DATA_AS_OF = new Date(CONSENT_FROM_MS + CONSENT_DAYS * DAY_MS + 20 * 3_600_000);

export type DemoCameraPosition = "front" | "rear" | "side" | "garage_alley" | "parking_lot" | "other";

export interface DemoCamera {
  position: DemoCameraPosition;
  bearingDeg: number | null;
  fovDeg: number | null;
  rangeM: number | null;
  recordsStreet: boolean;
  note: string | null;
}

export interface DemoRegistration {
  index: number;
  house: DemoHouse;
  status: "pending_review" | "active" | "inactive" | "withdrawn";
  ownerName: string;
  businessName: string | null;
  ownerPhone: string;
  ownerEmail: string;
  alternate: { name: string; phone: string; email: string | null } | null;
  address: { line1: string; unit: string | null; city: string; state: string; zip: string };
  cameras: DemoCamera[];
  cameraLocations: DemoCameraPosition[];
  recordsStreetTraffic: boolean;
  streetView: string | null;
  playback: "standard" | "proprietary" | "unknown";
  retentionDays: number | null;
  recordingMode: (typeof RECORDING_MODES)[number];
  notes: string | null;
  consentAt: Date;
  lastConfirmedAt: Date;
}

const FIRST = ["Pat", "Robin", "Casey", "Jordan", "Alex", "Sam", "Morgan", "Taylor", "Jamie", "Avery", "Riley", "Quinn", "Drew", "Kerry", "Lee", "Dana", "Jesse", "Reese", "Sky", "Frankie"];
const LAST = ["Example", "Sample", "Fixture", "Placeholder", "Testa", "Demo", "Mockridge", "Synthia", "Fakename", "Dummond", "Specimen", "Prototyp", "Modelle", "Pretend"];
const BUSINESS_KINDS = ["Hardware", "Deli", "Auto Repair", "Dental", "Bakery", "Pharmacy", "Cleaners", "Liquors", "Insurance", "Pizza", "Fitness", "Florist"];
const PREFERRED_SUFFIX: Record<string, string> = { RD: "Road", ST: "Street", AVE: "Avenue", BLVD: "Boulevard" };

/**
 * About 60% continuous, 20% motion, 10% scheduled, 10% not sure. Taken from the
 * index, not the PRNG, so adding it left every other generated value as it was.
 */
function recordingModeFor(index: number): (typeof RECORDING_MODES)[number] {
  const slot = (index * 7) % 10;
  return slot < 6 ? "continuous" : slot < 8 ? "motion" : slot < 9 ? "scheduled" : "unknown";
}

function titleCase(text: string) {
  return text.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** How a resident would type it: mostly "10300 W Roosevelt Rd", sometimes spelled out or without the "W". */
function typedLine1(house: DemoHouse, prng: Prng): string {
  const s = house.street;
  const roll = prng.next();
  if (roll < 0.7) return `${house.number} ${titleCase(formatStreet({ ...s, postDir: null }))}`;
  if (roll < 0.85) return `${house.number} ${s.preDir === "W" ? "West" : "South"} ${titleCase(s.name)} ${PREFERRED_SUFFIX[s.type] ?? s.type}`;
  return `${house.number} ${titleCase(s.name)} ${titleCase(s.type)}`;
}

function cameraFor(position: DemoCameraPosition, house: DemoHouse, prng: Prng): DemoCamera {
  const towardStreet = (house.facingFromStreetDeg + 180) % 360;
  const jitter = (deg: number) => Math.round((((towardStreet + deg + (prng.next() - 0.5) * 40) % 360) + 360) % 360);
  const doorbell = position === "front" && prng.chance(0.3);
  let bearingDeg: number | null;
  switch (position) {
    case "front":
      bearingDeg = jitter(0);
      break;
    case "rear":
    case "garage_alley":
      bearingDeg = jitter(180);
      break;
    case "side":
      bearingDeg = jitter(prng.chance(0.5) ? 90 : -90);
      break;
    default:
      bearingDeg = prng.int(0, 359);
  }
  // Not every resident knows which way a camera points.
  if (prng.chance(0.1)) bearingDeg = null;
  return {
    position,
    bearingDeg,
    fovDeg: doorbell ? 160 : prng.weighted([[60, 1], [90, 4], [110, 3], [130, 1], [null, 1]] as const),
    rangeM: doorbell ? prng.int(6, 10) : prng.weighted([[15, 2], [25, 4], [30, 4], [45, 2], [60, 1], [null, 1]] as const),
    recordsStreet: position === "front" ? prng.chance(0.85) : position === "parking_lot" ? prng.chance(0.5) : prng.chance(0.1),
    note: doorbell ? "doorbell camera" : position === "other" ? "covers the side gate" : null,
  };
}

export function demoRegistrations(houses: DemoHouse[], prng: Prng): DemoRegistration[] {
  const chosen = prng.shuffle([...houses]).slice(0, DEMO_REGISTRATION_COUNT);
  chosen.sort((a, b) => a.index - b.index);
  return chosen.map((house, index) => {
    const first = prng.pick(FIRST);
    const last = prng.pick(LAST);
    const cameraCount = prng.weighted([[1, 20], [2, 30], [3, 20], [4, 15], [5, 8], [6, 7]] as const);
    const positions: DemoCameraPosition[] = [];
    if (prng.chance(0.9)) positions.push("front");
    const others: readonly (readonly [DemoCameraPosition, number])[] = house.business
      ? [["parking_lot", 4], ["rear", 3], ["side", 2], ["other", 1]]
      : [["rear", 4], ["garage_alley", 3], ["side", 3], ["other", 1]];
    while (positions.length < cameraCount) positions.push(prng.weighted(others));
    const cameras = positions.map((p) => cameraFor(p, house, prng));
    const recordsStreetTraffic = cameras.some((c) => c.recordsStreet);
    const streetName = titleCase(house.street.name);
    const streetView = !recordsStreetTraffic
      ? null
      : house.cornerOf
        ? `Corner of ${streetName} & ${titleCase(house.cornerOf.name)}`
        : `The roadway at ${house.number} ${streetName}`;
    const consentAt = new Date(CONSENT_FROM_MS + prng.int(0, CONSENT_DAYS) * DAY_MS + prng.int(8, 20) * 3_600_000);
    const daysLeft = Math.floor((DEMO_DATA_AS_OF.getTime() - consentAt.getTime()) / DAY_MS);
    const phoneSuffix = String(index % 100).padStart(2, "0");
    return {
      index,
      house,
      status: prng.weighted([["active", 75], ["pending_review", 12], ["inactive", 8], ["withdrawn", 5]] as const),
      ownerName: `${first} ${last}`,
      businessName: house.business ? `${last} ${prng.pick(BUSINESS_KINDS)} (synthetic)` : null,
      ownerPhone: `708-555-01${phoneSuffix}`,
      ownerEmail: `${first}.${last}.${index}@example.com`.toLowerCase(),
      alternate: prng.chance(0.4)
        ? { name: `${prng.pick(FIRST)} ${last}`, phone: `312-555-01${phoneSuffix}`, email: prng.chance(0.5) ? `alt.${index}@example.com` : null }
        : null,
      address: { line1: typedLine1(house, prng), unit: null, city: "Westchester", state: "IL", zip: "60154" },
      cameras,
      cameraLocations: [...new Set(positions)],
      recordsStreetTraffic,
      streetView,
      playback: prng.weighted([["standard", 60], ["proprietary", 25], ["unknown", 15]] as const),
      retentionDays: prng.chance(0.12) ? null : prng.weighted([[3, 1], [7, 4], [14, 4], [30, 6], [45, 1], [60, 2], [90, 2]] as const),
      recordingMode: recordingModeFor(index),
      notes: cameraCount > 2 && prng.chance(0.5) ? `${cameraCount} cameras; the ${positions[1].replace("_", "/")} one covers the alley approach (synthetic).` : null,
      consentAt,
      // Confirmed up to 200 days after consenting, squeezed into the days left before the demo's "today"
      // (drawn here, last, as before: the other fields keep their values).
      lastConfirmedAt: new Date(consentAt.getTime() + Math.round((prng.int(0, 200) * Math.min(200, daysLeft)) / 200) * DAY_MS),
    };
  });
}
