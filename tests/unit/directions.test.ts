import { describe, expect, it } from "vitest";
import { directionsUrl, telHref } from "@/lib/agency/directions";

describe("directions and tap-to-call links", () => {
  it("fills the configured template", () => {
    const stop = { lat: 41.8663, lng: -87.8785, address: "10300 W Roosevelt Rd, Westchester" };
    expect(directionsUrl("https://www.openstreetmap.org/?mlat={lat}&mlon={lng}#map=19/{lat}/{lng}", stop)).toBe(
      "https://www.openstreetmap.org/?mlat=41.866300&mlon=-87.878500#map=19/41.866300/-87.878500",
    );
    expect(directionsUrl("geo:{lat},{lng}?q={address}", stop)).toBe("geo:41.866300,-87.878500?q=10300%20W%20Roosevelt%20Rd%2C%20Westchester");
  });
  it("keeps only digits and a leading plus in a tel: link", () => {
    expect(telHref("708-555-0134")).toBe("tel:7085550134");
    expect(telHref("+1 (708) 555-0134 ext")).toBe("tel:+17085550134");
    expect(telHref("708;555,0134+1")).toBe("tel:70855501341");
  });
});
