import "server-only";
/**
 * Per-IP limit on public registration endpoints, through rate-limiter-flexible:
 * in memory for a single embedded instance, in Redis or PostgreSQL when the
 * app runs on several instances (RATE_LIMIT_STORE). Requests from the
 * agency's trusted networks (RATE_LIMIT_TRUSTED_NETWORKS) are never limited.
 * If the shared store fails, an in-memory limiter keeps protecting this instance.
 */
import type { BlockList } from "node:net";
import { inNetworks, normalizeIp, parseNetworks } from "@/lib/http/client-address";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

export interface RateLimitDecision {
  allowed: boolean;
  retryAfterS: number;
}

export interface IpRateLimiter {
  check(ip: string | null): Promise<RateLimitDecision>;
}

export interface RateLimiterConfig {
  pointsPerHour: number;
  trustedNetworks: string;
  store: "memory" | "postgres" | "redis";
  keyPrefix: string;
  redisUrl?: string;
  databaseUrl?: string;
}

/** "10.0.0.0/8, 192.168.1.7, ::1" → a BlockList; bad entries are a configuration error. */
export function parseTrustedNetworks(spec: string): BlockList {
  return parseNetworks(spec, "RATE_LIMIT_TRUSTED_NETWORKS");
}

function isTrusted(list: BlockList, ip: string | null): boolean {
  const bare = normalizeIp(ip);
  return bare !== null && inNetworks(list, bare);
}

async function buildStoreLimiter(config: RateLimiterConfig, insurance: RateLimiterMemory): Promise<RateLimiterAbstract> {
  const common = { points: config.pointsPerHour, duration: 3600, keyPrefix: config.keyPrefix, insuranceLimiter: insurance };
  if (config.store === "redis") {
    const { Redis } = await import("ioredis");
    const client = new Redis(config.redisUrl!, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    client.on("error", (err) => console.error("[rate-limit] redis:", err.message));
    // Until the connection is ready every request would fall through to the per-instance insurance limiter.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("redis not ready after 5 s")), 5000);
      client.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return new RateLimiterRedis({ ...common, storeClient: client, rejectIfRedisNotReady: true });
  }
  if (config.store === "postgres") {
    const { Pool } = await import("pg");
    const pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
    pool.on("error", (err) => console.error("[rate-limit] postgres:", err.message));
    // A migrated database has the table (drizzle/0010); the runtime role may not
    // create tables, so the limiter creates it only where it is missing.
    const found = await pool.query("select to_regclass('rate_limits') is not null as present");
    const tableCreated = Boolean(found.rows[0]?.present);
    if (tableCreated) return new RateLimiterPostgres({ ...common, storeClient: pool, storeType: "pool", tableName: "rate_limits", tableCreated });
    // Without the table the limiter creates it and reports back through the callback.
    return new Promise((resolve, reject) => {
      const limiter: RateLimiterPostgres = new RateLimiterPostgres(
        { ...common, storeClient: pool, storeType: "pool", tableName: "rate_limits" },
        (err?: Error) => (err ? reject(err) : resolve(limiter)),
      );
    });
  }
  return insurance;
}

/**
 * The configured store's limiter, built on first use; if the store cannot be
 * reached, an in-memory one keeps protecting this instance.
 */
export function lazyStoreLimiter(config: RateLimiterConfig): () => Promise<RateLimiterAbstract> {
  const insurance = new RateLimiterMemory({ points: config.pointsPerHour, duration: 3600, keyPrefix: config.keyPrefix });
  let limiter: Promise<RateLimiterAbstract> | undefined;
  return () =>
    (limiter ??= buildStoreLimiter(config, insurance).catch((err: Error) => {
      console.error(`[rate-limit] ${config.store} store unavailable, limiting in memory: ${err.message}`);
      return insurance;
    }));
}

export function createIpRateLimiter(config: RateLimiterConfig): IpRateLimiter {
  const trusted = parseTrustedNetworks(config.trustedNetworks);
  if (config.pointsPerHour <= 0) return { check: async () => ({ allowed: true, retryAfterS: 0 }) };
  const limiter = lazyStoreLimiter(config);
  return {
    async check(ip) {
      if (isTrusted(trusted, ip)) return { allowed: true, retryAfterS: 0 };
      try {
        await (await limiter()).consume(ip ?? "unknown");
        return { allowed: true, retryAfterS: 0 };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterS: Math.ceil(rejection.msBeforeNext / 1000) };
        throw rejection;
      }
    },
  };
}
