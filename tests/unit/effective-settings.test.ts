import { describe, expect, it } from "vitest";
import { effectiveSettings, urlHost } from "@/lib/agency/effective-settings";
import { parseEnv } from "@/lib/env.js";

const rowsOf = (groups: ReturnType<typeof effectiveSettings>) => Object.fromEntries(groups.flatMap((g) => g.rows).map((r) => [r.variable, r]));

describe("Admin → Settings: the configuration in effect", () => {
  it("shows the defaults of an unconfigured demo as defaults", () => {
    const rows = rowsOf(effectiveSettings(parseEnv({}), {}, "http://localhost:3000"));
    expect(rows.AGENCY_NAME).toMatchObject({ value: "Westchester Police Department", isDefault: true });
    expect(rows.AGENCY_TIME_ZONE.value).toBe("America/Chicago");
    // The server puts the fallback into NEXTAUTH_URL at start (for next-auth): still the default.
    expect(effectiveSettings(parseEnv({}), { NEXTAUTH_URL: "http://localhost:3000" }, "http://localhost:3000")[0].rows.find((r) => r.variable === "NEXTAUTH_URL")?.isDefault).toBe(true);
    expect(rows.MAX_SEARCH_RADIUS_M.value).toBe("2000 m");
    expect(rows["TRUSTED_PROXY_HOPS, TRUSTED_PROXY_NETWORKS"].value).toMatch(/^none: X-Forwarded-For is ignored/);
    expect(rows.EVIDENCE_RETENTION_DAYS.value).toBe("never (kept until deleted by hand)");
    expect(rows.DATABASE_URL.value).toBe("embedded (PGlite) in .data");
    expect(rows.MFA_REQUIRED.value).toBe("no (optional)");
  });

  it("shows what the deployment set, marked as set, and never a secret", () => {
    const secrets = {
      NEXTAUTH_SECRET: "s3cret-0123456789abcdef0123456789abcdef",
      TOTP_ENCRYPTION_KEY: "ab".repeat(32),
      OIDC_CLIENT_SECRET: "oidc-client-secret-value",
      SMS_AUTH_TOKEN: "sms-auth-token-value",
      SMS_ACCOUNT_SID: "ACsid-value",
    };
    const raw = {
      ...secrets,
      DATABASE_URL: "postgres://app:db-password@db.internal:5432/sightline?sslmode=require",
      NEXTAUTH_URL: "https://cameras.example.gov",
      SMTP_URL: "smtp://mailer:smtp-password@mail.example.gov:587",
      SMTP_FROM: "Registry <registry@example.gov>",
      REDIS_URL: "redis://:redis-password@cache.internal:6379",
      RATE_LIMIT_STORE: "redis",
      OIDC_ISSUER: "https://login.example.gov/v2.0",
      OIDC_CLIENT_ID: "client-id",
      SMS_API_URL: "https://api.sms.example",
      SMS_FROM: "+17085550100",
      AGENCY_NAME: "Riverside Police",
      AGENCY_TIME_ZONE: "America/Denver",
      TRUSTED_PROXY_NETWORKS: "10.0.0.0/8",
      HTTP_COMPRESSION: "proxy",
      EVIDENCE_RETENTION_DAYS: "365",
      MAX_SEARCH_RADIUS_M: "800",
      AGENCY_TERMS_TEXT_ES: "Términos",
    };
    const groups = effectiveSettings(parseEnv(raw), raw, "https://cameras.example.gov");
    const shown = JSON.stringify(groups);
    for (const secret of [...Object.values(secrets), "db-password", "smtp-password", "redis-password", "sslmode", "app:"]) {
      expect(shown, secret).not.toContain(secret);
    }
    const rows = rowsOf(groups);
    expect(rows.AGENCY_NAME).toMatchObject({ value: "Riverside Police", isDefault: false });
    expect(rows.AGENCY_TIME_ZONE.value).toBe("America/Denver");
    expect(rows.NEXTAUTH_URL.value).toBe("https://cameras.example.gov");
    expect(rows.MAX_SEARCH_RADIUS_M.value).toBe("800 m");
    expect(rows.EVIDENCE_RETENTION_DAYS.value).toBe("after 365 days, unless on legal hold");
    expect(rows["TRUSTED_PROXY_HOPS, TRUSTED_PROXY_NETWORKS"]).toMatchObject({ value: expect.stringContaining("10.0.0.0/8"), isDefault: false });
    expect(rows.HTTP_COMPRESSION.value).toBe("the reverse proxy");
    expect(rows.DATABASE_URL.value).toBe("PostgreSQL server at postgres://db.internal:5432/sightline");
    expect(rows["SMTP_URL, SMTP_FROM"].value).toBe("through smtp://mail.example.gov:587, from Registry <registry@example.gov>");
    expect(rows["RATE_LIMIT_STORE, REDIS_URL"].value).toBe("Redis at redis://cache.internal:6379");
    expect(rows.NEXTAUTH_SECRET.value).toBe("set (not shown)");
    expect(rows.MFA_REQUIRED.value).toBe("yes");
    expect(rows["AGENCY_TERMS_TEXT_<CODE>"]).toMatchObject({ value: "ES", isDefault: false });
  });

  it("keeps a URL's host and drops its credentials and query", () => {
    expect(urlHost("postgres://u:p@h:5432/db?password=x")).toBe("postgres://h:5432/db");
    expect(urlHost(undefined)).toBeNull();
  });
});
