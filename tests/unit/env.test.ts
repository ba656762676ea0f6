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
    const env = parseEnv({ DATABASE_URL: "postgres://u@localhost/db", NEXTAUTH_SECRET: "0123456789abcdef0123456789abcdef", NEXTAUTH_URL: "https://cameras.example.gov", TOTP_ENCRYPTION_KEY: "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0" });
    expect(env.DATABASE_URL).toBe("postgres://u@localhost/db");
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });
});

describe("staff sign-in configuration", () => {
  it("requires MFA on a server deployment by default and lets either be overridden", async () => {
    const { authSettings } = await import("@/lib/auth/auth-settings");
    expect(authSettings(parseEnv({})).mfaRequired).toBe(false);
    expect(authSettings(parseEnv({ DATABASE_URL: "postgres://u@h/db", NEXTAUTH_SECRET: "0123456789abcdef0123456789abcdef", NEXTAUTH_URL: "https://cameras.example.gov", TOTP_ENCRYPTION_KEY: "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0" })).mfaRequired).toBe(true);
    expect(authSettings(parseEnv({ MFA_REQUIRED: "true" })).mfaRequired).toBe(true);
    expect(authSettings(parseEnv({ DATABASE_URL: "postgres://u@h/db", NEXTAUTH_SECRET: "0123456789abcdef0123456789abcdef", NEXTAUTH_URL: "https://cameras.example.gov", TOTP_ENCRYPTION_KEY: "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0", MFA_REQUIRED: "false" })).mfaRequired).toBe(false);
  });

  it("has the issue's session and lockout defaults, configurable", async () => {
    const { authSettings } = await import("@/lib/auth/auth-settings");
    const s = authSettings(parseEnv({}));
    expect([s.idleTimeoutMs, s.absoluteTimeoutMs, s.lockoutMaxFailures, s.lockoutWindowMs, s.lockoutDurationMs]).toEqual([
      30 * 60_000, 12 * 3_600_000, 5, 15 * 60_000, 15 * 60_000,
    ]);
    expect(authSettings(parseEnv({ SESSION_IDLE_TIMEOUT_MIN: "10" })).idleTimeoutMs).toBe(600_000);
    expect(() => parseEnv({ LOCKOUT_MAX_FAILURES: "0" })).toThrow(/LOCKOUT_MAX_FAILURES/);
  });

  it("turns OpenID Connect on only when fully configured", async () => {
    const { authSettings } = await import("@/lib/auth/auth-settings");
    expect(authSettings(parseEnv({})).oidc).toBeNull();
    expect(() => parseEnv({ OIDC_ISSUER: "https://login.example/tenant/v2.0" })).toThrow(/OIDC_CLIENT_ID/);
    const oidc = authSettings(parseEnv({ OIDC_ISSUER: "https://login.example/t/v2.0", OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "s" })).oidc;
    expect(oidc).toMatchObject({ issuer: "https://login.example/t/v2.0", clientId: "id", displayName: "Agency single sign-on" });
  });
});

describe("answer compression setting", () => {
  it("is the app's by default, the proxy's when told, and nothing else", () => {
    expect(parseEnv({}).HTTP_COMPRESSION).toBe("app");
    expect(parseEnv({ HTTP_COMPRESSION: "proxy" }).HTTP_COMPRESSION).toBe("proxy");
    expect(() => parseEnv({ HTTP_COMPRESSION: "nginx" })).toThrow(/HTTP_COMPRESSION/);
  });
});
