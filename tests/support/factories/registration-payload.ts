/** A valid body for POST /api/registrations (what the resident's form sends), to vary one field at a time. */
export function validRegistration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eligibility: { exteriorFacing: true, recordsAndRetains: true },
    owner: { name: "Pat Doe", businessName: "Doe Hardware", phone: "708-555-0134", email: "pat@example.com" },
    address: { line1: "10300 W Roosevelt Rd", unit: "", city: "Westchester", state: "IL", zip: "60154" },
    alternateContact: { name: "Sam Doe", phone: "708-555-0199", email: "sam@example.com" },
    cameraLocations: ["front", "rear"],
    cameras: [
      { position: "front", bearingDeg: 180, fovDeg: 90, rangeM: 30, recordsStreet: true, note: "doorbell" },
      { position: "rear", recordsStreet: false },
    ],
    recordsStreetTraffic: true,
    streetView: "The roadway at 10300 Roosevelt",
    playback: "standard",
    retentionDays: 30,
    cameraCount: 2,
    notes: "free text for detectives",
    consent: true,
    ...overrides,
  };
}
