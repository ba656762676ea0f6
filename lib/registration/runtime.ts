import "server-only";
/**
 * Process-wide wiring for the registration routes: configuration, the
 * geocoder (see geocoder.ts), the rate limiters and the mailer, built once.
 */
import type { Db } from "@/db/client";
import { env } from "@/lib/env.js";
import type { AddressInput, Geocoder } from "@/lib/geocode/types";
import { normalizeAddressKey, registrationGeocoder } from "./geocoder";
import { createMailer, type Mailer } from "./mailer";
import { createIpRateLimiter, type IpRateLimiter } from "./rate-limit";

type Runtime = { registrationLimiter: IpRateLimiter; lostLinkLimiter: IpRateLimiter; addressCheckLimiter: IpRateLimiter; mailer: Mailer | null };
const globalForRegistration = globalThis as typeof globalThis & { __sightlineRegistration?: Runtime };

export function registrationRuntime(): Runtime {
  globalForRegistration.__sightlineRegistration ??= {
    registrationLimiter: createIpRateLimiter({
      pointsPerHour: env.RATE_LIMIT_REGISTRATIONS_PER_HOUR,
      trustedNetworks: env.RATE_LIMIT_TRUSTED_NETWORKS,
      store: env.RATE_LIMIT_STORE,
      keyPrefix: "registrations",
      redisUrl: env.REDIS_URL,
      databaseUrl: env.DATABASE_URL,
    }),
    lostLinkLimiter: createIpRateLimiter({
      pointsPerHour: env.LOST_LINK_REQUESTS_PER_HOUR,
      trustedNetworks: env.RATE_LIMIT_TRUSTED_NETWORKS,
      store: env.RATE_LIMIT_STORE,
      keyPrefix: "lost-link",
      redisUrl: env.REDIS_URL,
      databaseUrl: env.DATABASE_URL,
    }),
    addressCheckLimiter: createIpRateLimiter({
      pointsPerHour: env.ADDRESS_CHECKS_PER_HOUR,
      trustedNetworks: env.RATE_LIMIT_TRUSTED_NETWORKS,
      store: env.RATE_LIMIT_STORE,
      keyPrefix: "address-check",
      redisUrl: env.REDIS_URL,
      databaseUrl: env.DATABASE_URL,
    }),
    mailer: createMailer({ smtpUrl: env.SMTP_URL, from: env.SMTP_FROM }),
  };
  return globalForRegistration.__sightlineRegistration;
}

export const geocoderFor = (db: Db) => registrationGeocoder(db);

/**
 * What a registration mutation needs besides its context to place an address:
 * the geocoder, today's address key, and how long geocoding may take before
 * the registration is kept without a pin. Tests pass their own.
 */
export interface RegistrationServices {
  geocoder: Geocoder;
  normalizeAddressKey: (address: AddressInput) => string;
  geocodeTimeoutMs: number;
}

export function registrationServices(db: Db): RegistrationServices {
  return { geocoder: geocoderFor(db), normalizeAddressKey, geocodeTimeoutMs: env.REGISTRATION_GEOCODE_TIMEOUT_MS };
}
