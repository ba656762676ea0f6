import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/http/field-errors";
import { registrationSchema } from "@/lib/registration/schema";
import { normalizeAddressKey } from "@/lib/geocode/address-key";
import { generateManageToken, hashManageToken, isWellFormedManageToken } from "@/lib/registration/manage-token";
import { parseTrustedNetworks } from "@/lib/registration/rate-limit";
import { rowToRegistration, DEFAULT_COLUMNS } from "@/lib/registration/import-rows";
import { toPayload, emptyForm } from "@/components/registration/form-model";
import { validRegistration } from "../support/factories";

const errorsOf = (input: unknown) => {
  const r = registrationSchema.safeParse(input);
  return r.success ? {} : fieldErrors(r.error);
};

describe("registration schema (shared by the form and the server)", () => {
  it("accepts the PRODUCT.md example and normalises phone, e-mail and state", () => {
    const r = registrationSchema.parse(validRegistration({ owner: { name: " Pat ", phone: "+1 (708) 555-0134", email: "Pat@Example.COM" }, address: { line1: "10300 W Roosevelt Rd", city: "Westchester", state: "il", zip: "60154-1234" } }));
    expect(r.owner).toEqual({ name: "Pat", phone: "708-555-0134", email: "pat@example.com" });
    expect(r.address.state).toBe("IL");
    expect(r.address.unit).toBeUndefined();
  });

  it.each([
    ["owner.phone", { owner: { name: "P", phone: "123-456-7890", email: "p@example.com" } }],
    ["owner.phone", { owner: { name: "P", phone: "708-555-013x", email: "p@example.com" } }],
    ["owner.email", { owner: { name: "P", phone: "708-555-0134", email: "p@@example" } }],
    ["address.zip", { address: { line1: "1 A St", city: "W", state: "IL", zip: "ABCDE" } }],
    ["address.state", { address: { line1: "1 A St", city: "W", state: "Ilinois", zip: "60154" } }],
    ["address.state", { address: { line1: "1 A St", city: "W", state: "Il.x", zip: "60154" } }],
    ["address.line1", { address: { line1: "Roosevelt Rd", city: "W", state: "IL", zip: "60154" } }],
    ["cameras.0.bearingDeg", { cameras: [{ position: "front", bearingDeg: 360, recordsStreet: true }], cameraCount: 1 }],
    ["cameras.0.bearingDeg", { cameras: [{ position: "front", bearingDeg: -1, recordsStreet: true }], cameraCount: 1 }],
    ["cameras.0.recordsStreet", { cameras: [{ position: "front" }], cameraCount: 1 }],
    ["streetView", { streetView: "<b>bold</b>" }],
    ["notes", { notes: "javascript:alert(1)" }],
    ["owner.name", { owner: { name: "Pat\u0000", phone: "708-555-0134", email: "p@example.com" } }],
    ["retentionDays", { retentionDays: 2.5 }],
    ["cameraLocations.0", { cameraLocations: ["roof"] }],
    ["recordingMode", { recordingMode: "sometimes" }],
  ])("reports %s", (path, overrides) => {
    expect(errorsOf(validRegistration(overrides))[path]).toBeTruthy();
  });

  it("keeps ordinary punctuation a resident would type", () => {
    expect(errorsOf(validRegistration({ streetView: "Corner of Cermak & Hull", notes: "2 < 3 cameras > none? It's fine: \"rear\"." }))).toEqual({});
  });
});

describe("state names, derived answers and recording mode", () => {
  it.each([
    ["Illinois", "IL"],
    ["ILLINOIS", "IL"],
    [" illinois ", "IL"],
    ["Ill.", "IL"],
    ["New York", "NY"],
    ["district of columbia", "DC"],
    ["Puerto Rico", "PR"],
    ["wi", "WI"],
  ])("maps %s to %s instead of cutting it to two letters", (state, code) => {
    const r = registrationSchema.parse(validRegistration({ address: { line1: "1 A St", city: "W", state, zip: "60154" } }));
    expect(r.address.state).toBe(code);
  });

  it("derives camera locations and street traffic from the cameras when a client leaves them out, and keeps what it sends", () => {
    const cameras = [
      { position: "rear", recordsStreet: false },
      { position: "garage_alley", recordsStreet: true },
    ];
    const base = validRegistration({ cameras, cameraCount: 2 });
    delete (base as Record<string, unknown>).cameraLocations;
    delete (base as Record<string, unknown>).recordsStreetTraffic;
    const r = registrationSchema.parse(base);
    expect(r.cameraLocations).toEqual(["rear", "garage_alley"]);
    expect(r.recordsStreetTraffic).toBe(true);
    expect(r.recordingMode).toBe("unknown");
    const sent = registrationSchema.parse(validRegistration({ cameras: [{ position: "rear", recordsStreet: false }], cameraCount: 2, cameraLocations: ["front"], recordsStreetTraffic: false, recordingMode: "motion" }));
    expect(sent.cameraLocations).toEqual(["front", "rear"]);
    expect(sent.recordsStreetTraffic).toBe(false);
    expect(sent.recordingMode).toBe("motion");
  });
});

describe("address key", () => {
  it("is the same for the ways people write one address", () => {
    const a = normalizeAddressKey({ line1: "10300 W Roosevelt Rd", zip: "60154" });
    expect(normalizeAddressKey({ line1: "10300 West Roosevelt Road", zip: "60154-0001" })).toBe(a);
    expect(normalizeAddressKey({ line1: " 10300  w. roosevelt  rd ", zip: "60154" })).toBe(a);
    expect(normalizeAddressKey({ line1: "10300 W Roosevelt Rd", unit: "Apt 2", zip: "60154" })).toBe(normalizeAddressKey({ line1: "10300 W Roosevelt Rd", unit: "#2", zip: "60154" }));
    expect(normalizeAddressKey({ line1: "10302 W Roosevelt Rd", zip: "60154" })).not.toBe(a);
  });
});

describe("management token", () => {
  it("has 256 bits, is never repeated, and only its hash is stored", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateManageToken));
    expect(tokens.size).toBe(1000);
    const t = [...tokens][0];
    expect(Buffer.from(t, "base64url")).toHaveLength(32);
    expect(isWellFormedManageToken(t)).toBe(true);
    expect(hashManageToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(isWellFormedManageToken(t + "x")).toBe(false);
    expect(isWellFormedManageToken("../" + t.slice(3))).toBe(false);
  });
});

describe("trusted networks", () => {
  it("parses CIDR ranges and single addresses, and refuses garbage", () => {
    const list = parseTrustedNetworks("10.0.0.0/8, 192.168.1.7, 2001:db8::/32");
    expect(list.check("10.200.1.1", "ipv4")).toBe(true);
    expect(list.check("192.168.1.7", "ipv4")).toBe(true);
    expect(list.check("192.168.1.8", "ipv4")).toBe(false);
    expect(list.check("2001:db8::1", "ipv6")).toBe(true);
    expect(() => parseTrustedNetworks("10.0.0.0/40")).toThrow(/prefix/);
    expect(() => parseTrustedNetworks("intranet")).toThrow(/not an IP/);
  });
});

describe("form state → API payload", () => {
  it("turns unanswered questions into missing fields the schema names", () => {
    const errors = errorsOf(toPayload(emptyForm(), true));
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining(["eligibility.exteriorFacing", "owner.name", "owner.email", "address.line1", "cameras.0.position", "cameras.0.recordsStreet", "playback", "consent"]),
    );
    expect(errors.alternateContact).toBeUndefined();
  });
});

describe("spreadsheet rows", () => {
  it("maps yes/no, numbers and location words, one camera per location with the direction unknown", () => {
    const payload = rowToRegistration(
      { OWNER_NAME: "Pat", phone: "708-555-0134", email: "p@example.com", address: "1 A St", city: "W", state: "IL", zip: "60154", camera_locations: "Front; Garage/Alley; parking lot", records_street_traffic: "Y", playback: "No", retention_days: "14" },
      DEFAULT_COLUMNS,
    );
    expect(payload).toMatchObject({ cameraLocations: ["front", "garage_alley", "parking_lot"], recordsStreetTraffic: true, playback: "proprietary", retentionDays: 14, cameraCount: 3 });
    expect((payload.cameras as { bearingDeg?: number }[]).every((c) => c.bearingDeg === undefined)).toBe(true);
    expect(errorsOf(payload)).toEqual({});
  });

  it("reads the recording mode in the words spreadsheets use, and refuses one it cannot read", () => {
    const base = { owner_name: "Pat", phone: "708-555-0134", email: "p@example.com", address: "1 A St", city: "W", state: "IL", zip: "60154", camera_locations: "front" };
    const mode = (cell: string | undefined) => rowToRegistration(cell === undefined ? base : { ...base, recording_mode: cell }, DEFAULT_COLUMNS).recordingMode;
    expect(mode("24/7")).toBe("continuous");
    expect(mode("Motion activated")).toBe("motion");
    expect(mode("Scheduled")).toBe("scheduled");
    expect(mode(undefined)).toBe("unknown");
    const odd = rowToRegistration({ ...base, recording_mode: "sometimes" }, DEFAULT_COLUMNS);
    expect(Object.keys(errorsOf(odd))).toEqual(["recordingMode"]);
  });
});
