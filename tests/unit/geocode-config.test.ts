import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env.js";

describe("geocoder configuration", () => {
  it("defaults to the local geocoder only", () => {
    expect(parseEnv({}).GEOCODER_PROVIDERS).toEqual(["local"]);
  });

  it("reads a provider chain in order", () => {
    const env = parseEnv({ GEOCODER_PROVIDERS: " local, Census ,nominatim", GEOCODER_TIMEOUT_MS: "2500" });
    expect(env.GEOCODER_PROVIDERS).toEqual(["local", "census", "nominatim"]);
    expect(env.GEOCODER_TIMEOUT_MS).toBe(2500);
  });

  it("names the variable when the chain is wrong", () => {
    expect(() => parseEnv({ GEOCODER_PROVIDERS: "local,google" })).toThrow(/GEOCODER_PROVIDERS/);
    expect(() => parseEnv({ GEOCODER_PROVIDERS: "," })).toThrow(/GEOCODER_PROVIDERS/);
    expect(() => parseEnv({ NOMINATIM_URL: "not a url" })).toThrow(/NOMINATIM_URL/);
  });
});
