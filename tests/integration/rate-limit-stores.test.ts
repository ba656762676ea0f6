/**
 * The shared limiter stores for several app instances: two limiters on one
 * store share the count. Redis runs on 127.0.0.1:6379 here (REDIS_URL
 * overrides); PostgreSQL is exercised when DATABASE_URL is set.
 */
import crypto from "node:crypto";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { createIpRateLimiter } from "@/lib/registration/rate-limit";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
async function reachable(url: string) {
  const { hostname, port } = new URL(url);
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(Number(port || 6379), hostname, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}
const redisUp = await reachable(redisUrl);

async function sharedCount(store: "redis" | "postgres") {
  const keyPrefix = `test_${crypto.randomBytes(4).toString("hex")}`;
  const config = { pointsPerHour: 3, trustedNetworks: "", store, keyPrefix, redisUrl, databaseUrl: process.env.DATABASE_URL };
  const instanceA = createIpRateLimiter(config);
  const instanceB = createIpRateLimiter(config);
  const answers = [];
  for (const limiter of [instanceA, instanceB, instanceA, instanceB]) answers.push((await limiter.check("198.51.100.23")).allowed);
  return answers;
}

describe("rate limit stores shared between instances", () => {
  it.skipIf(!redisUp)(`Redis${redisUp ? "" : " (skipped: no Redis answers on REDIS_URL)"}`, async () => {
    expect(await sharedCount("redis")).toEqual([true, true, true, false]);
  });
  it.skipIf(!process.env.DATABASE_URL)(`PostgreSQL${process.env.DATABASE_URL ? "" : " (skipped: needs DATABASE_URL)"}`, async () => {
    expect(await sharedCount("postgres")).toEqual([true, true, true, false]);
  });
  it("0 turns the limit off", async () => {
    const off = createIpRateLimiter({ pointsPerHour: 0, trustedNetworks: "", store: "memory", keyPrefix: "off" });
    for (let i = 0; i < 20; i++) expect((await off.check("198.51.100.1")).allowed).toBe(true);
  });
});
