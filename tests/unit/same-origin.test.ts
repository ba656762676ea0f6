import { describe, expect, it } from "vitest";
import { isSameOriginWrite } from "@/lib/http/same-origin";

const ORIGIN = "https://cameras.example.gov";
const h = (headers: Record<string, string>) => new Headers(headers);

describe("isSameOriginWrite (CSRF check for cookie-authenticated writes)", () => {
  it("lets reads through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) expect(isSameOriginWrite(method, h({ origin: "https://evil.example" }), ORIGIN)).toBe(true);
  });
  it("accepts a write only from the configured origin", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(isSameOriginWrite(method, h({ origin: ORIGIN }), ORIGIN)).toBe(true);
      expect(isSameOriginWrite(method, h({ origin: "https://evil.example" }), ORIGIN)).toBe(false);
      // Lookalikes: another scheme, port or a suffix of the host.
      expect(isSameOriginWrite(method, h({ origin: "http://cameras.example.gov" }), ORIGIN)).toBe(false);
      expect(isSameOriginWrite(method, h({ origin: "https://cameras.example.gov:8443" }), ORIGIN)).toBe(false);
      expect(isSameOriginWrite(method, h({ origin: "https://cameras.example.gov.evil.example" }), ORIGIN)).toBe(false);
      expect(isSameOriginWrite(method, h({ origin: "null" }), ORIGIN)).toBe(false);
    }
  });
  it("without Origin, trusts only Sec-Fetch-Site: same-origin", () => {
    expect(isSameOriginWrite("POST", h({}), ORIGIN)).toBe(false);
    expect(isSameOriginWrite("POST", h({ "sec-fetch-site": "same-site" }), ORIGIN)).toBe(false);
    expect(isSameOriginWrite("POST", h({ "sec-fetch-site": "same-origin" }), ORIGIN)).toBe(true);
    // A sent Origin wins over the fetch metadata.
    expect(isSameOriginWrite("POST", h({ origin: "https://evil.example", "sec-fetch-site": "same-origin" }), ORIGIN)).toBe(false);
  });
});
