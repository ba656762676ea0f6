import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env.js";

describe("configuration", () => {
  it("has working defaults for the embedded demo", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe(".data");
    expect(env.AGENCY_TIME_ZONE).toBe("America/Chicago");
    expect(env.DEFAULT_SEARCH_RADIUS_M).toBe(250);
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ AGENCY_TIME_ZONE: "Mars/Olympus" })).toThrow(/AGENCY_TIME_ZONE is not a known IANA time zone/);
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseEnv({ MAP_CENTER_LAT: "123" })).toThrow(/MAP_CENTER_LAT/);
  });

  it("requires an auth secret for a server deployment", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://u@localhost/db" })).toThrow(/NEXTAUTH_SECRET/);
    const env = parseEnv({ DATABASE_URL: "postgres://u@localhost/db", NEXTAUTH_SECRET: "x".repeat(32) });
    expect(env.DATABASE_URL).toBe("postgres://u@localhost/db");
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });
});
