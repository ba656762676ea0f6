import "server-only";
/**
 * Per-client-address throttling of sign-in: after SIGN_IN_FAILURES_PER_IP_PER_HOUR
 * refused attempts from one address, further attempts from it are refused
 * before any password is hashed (each argon2 check costs ~20 MiB and tens of
 * ms) and before any account's lockout counter moves, so one client can
 * neither burn the server's CPU nor lock out a list of colleagues. Successful
 * sign-ins cost nothing, so a station behind one NAT address is not throttled
 * by its own staff. The count lives in RATE_LIMIT_STORE, shared by instances.
 */
import { env } from "@/lib/env.js";
import { lazyStoreLimiter } from "@/lib/registration/rate-limit";
import type { RateLimiterAbstract } from "rate-limiter-flexible";

export interface SignInThrottle {
  /** Seconds until this address may try again, or 0 when it may now. */
  retryAfterS(ip: string | null): Promise<number>;
  /** Count one refused attempt from this address. */
  recordFailure(ip: string | null): Promise<void>;
}

export function createSignInThrottle(config: { failuresPerHour: number; store: "memory" | "postgres" | "redis"; redisUrl?: string; databaseUrl?: string; keyPrefix?: string }): SignInThrottle {
  if (config.failuresPerHour <= 0) return { retryAfterS: async () => 0, recordFailure: async () => {} };
  const limiter: () => Promise<RateLimiterAbstract> = lazyStoreLimiter({
    pointsPerHour: config.failuresPerHour,
    trustedNetworks: "",
    store: config.store,
    keyPrefix: config.keyPrefix ?? "sign_in_ip",
    redisUrl: config.redisUrl,
    databaseUrl: config.databaseUrl,
  });
  const key = (ip: string | null) => ip ?? "unknown";
  return {
    async retryAfterS(ip) {
      const state = await (await limiter()).get(key(ip));
      if (!state || state.consumedPoints < config.failuresPerHour) return 0;
      return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    },
    async recordFailure(ip) {
      // Past the limit consume rejects; the address is throttled either way.
      await (await limiter()).consume(key(ip)).catch(() => {});
    },
  };
}

let shared: SignInThrottle | null = null;

/** The app's throttle, from configuration. */
export function signInThrottle(): SignInThrottle {
  return (shared ??= createSignInThrottle({
    failuresPerHour: env.SIGN_IN_FAILURES_PER_IP_PER_HOUR,
    store: env.RATE_LIMIT_STORE,
    redisUrl: env.REDIS_URL,
    databaseUrl: env.DATABASE_URL,
  }));
}
