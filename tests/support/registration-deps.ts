/** The POST /api/registrations dependencies as the route wires them, over a test database. */
import type { Db } from "../../db/client";
import { publicActor } from "../../lib/audit/record-audit";
import type { Geocoder } from "../../lib/geocode/types";
import { normalizeAddressKey, registrationGeocoder } from "../../lib/registration/geocoder";
import type { Mailer } from "../../lib/registration/mailer";
import type { PostRegistrationDeps } from "../../lib/registration/post-registration";
import { createIpRateLimiter } from "../../lib/registration/rate-limit";

export function registrationDeps(db: Db, overrides: Partial<PostRegistrationDeps> & { geocoder?: Geocoder; mailer?: Mailer | null } = {}): PostRegistrationDeps {
  return {
    db,
    geocoder: registrationGeocoder(db),
    normalizeAddressKey,
    limiter: createIpRateLimiter({ pointsPerHour: 0, trustedNetworks: "", store: "memory", keyPrefix: "test" }),
    mailer: null,
    actor: publicActor("203.0.113.9", "vitest"),
    baseUrl: "http://sightline.test",
    agencyName: "Test Police Department",
    termsVersion: "test-terms-1",
    maxBodyBytes: 65536,
    minFillSeconds: 4,
    geocodeTimeoutMs: 1000,
    ...overrides,
  };
}

export function jsonRequest(body: unknown, init: { contentType?: string; headers?: Record<string, string> } = {}): Request {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Request("http://sightline.test/api/registrations", {
    method: "POST",
    headers: { "content-type": init.contentType ?? "application/json", ...init.headers },
    body: text,
  });
}
