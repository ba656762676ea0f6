/**
 * Varied, valid public registrations (the PRODUCT.md API contract) for the
 * load and fault tests. Each gets its own e-mail `<tag>-<n>@example.com`, so
 * none is a resubmission of another and the test can find its rows again.
 */
export interface PayloadAddress {
  line1: string;
  city: string;
  state: string;
  zip: string;
}

const POSITIONS = ["front", "rear", "side", "garage_alley", "parking_lot", "other"] as const;
const PLAYBACK = ["standard", "proprietary", "unknown"] as const;
/** No such street in the reference data: these addresses cannot be geocoded (saved as pending_review). */
export const UNGEOCODABLE_STREET = "Quillfeather Hollow Ln";

export function ungeocodableAddress(n: number): PayloadAddress {
  return { line1: `${100 + (n % 9000)} ${UNGEOCODABLE_STREET}`, city: "Westchester", state: "IL", zip: "60154" };
}

export function registrationPayload(tag: string, n: number, address: PayloadAddress): { body: Record<string, unknown>; email: string; cameras: number } {
  const cameraCount = 1 + (n % 3);
  const cameras = Array.from({ length: cameraCount }, (_, i) => {
    const position = POSITIONS[(n + i) % POSITIONS.length];
    // Every fifth camera without a bearing ("direction unknown"), as residents send them.
    return (n + i) % 5 === 0
      ? { position, recordsStreet: false }
      : { position, bearingDeg: (n * 37 + i * 90) % 360, fovDeg: 90, rangeM: 25, recordsStreet: i === 0, note: `camera ${i + 1}` };
  });
  const email = `${tag}-${n}@example.com`;
  const body = {
    eligibility: { exteriorFacing: true, recordsAndRetains: true },
    owner: { name: `Load Resident ${n}`, phone: `708-555-01${String(n % 100).padStart(2, "0")}`, email },
    address: { ...address, unit: "" },
    cameraLocations: [...new Set(cameras.map((c) => c.position))],
    cameras,
    recordsStreetTraffic: cameras.some((c) => c.recordsStreet),
    playback: PLAYBACK[n % PLAYBACK.length],
    retentionDays: [7, 14, 30, 60][n % 4],
    cameraCount,
    notes: n % 2 ? "synthetic load-test registration" : undefined,
    consent: true,
  };
  return { body, email, cameras: cameraCount };
}
