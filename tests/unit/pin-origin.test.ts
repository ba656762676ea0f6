import { describe, expect, it } from "vitest";
import { pinPlacedByResident, type PinFacts } from "@/lib/registration/pin-origin";

const registeredAt = new Date("2026-11-30T03:00:00Z");
const site = { type: "Point", coordinates: [-87.878, 41.867] };
const facts = (over: Partial<PinFacts>): PinFacts => ({
  location: site,
  pinConfirmedBy: null,
  pinConfirmedAt: null,
  matchedAddress: "10300 W ROOSEVELT RD, WESTCHESTER, IL 60154",
  createdAt: registeredAt,
  ...over,
});

describe("who placed the owner's pin", () => {
  it("is the registry when the address was matched and nobody moved the pin", () => {
    expect(pinPlacedByResident(facts({}))).toBe(false);
  });

  it("is the resident when they pinned an address the registry could not match", () => {
    expect(pinPlacedByResident(facts({ matchedAddress: null, pinConfirmedBy: "owner", pinConfirmedAt: registeredAt }))).toBe(true);
  });

  it("is the registry when the resident chose our 'did you mean' match on the form (sent as a pin at registration)", () => {
    expect(pinPlacedByResident(facts({ pinConfirmedBy: "owner", pinConfirmedAt: registeredAt }))).toBe(false);
  });

  it("is the resident once they saved the pin behind their private link after registering", () => {
    expect(pinPlacedByResident(facts({ pinConfirmedBy: "owner", pinConfirmedAt: new Date(registeredAt.getTime() + 60_000) }))).toBe(true);
  });

  it("is not the resident when staff placed it, or when there is no place at all", () => {
    expect(pinPlacedByResident(facts({ matchedAddress: null, pinConfirmedBy: "supervisor@demo.example", pinConfirmedAt: registeredAt }))).toBe(false);
    expect(pinPlacedByResident(facts({ location: null, matchedAddress: null, pinConfirmedBy: "owner", pinConfirmedAt: registeredAt }))).toBe(false);
  });
});
