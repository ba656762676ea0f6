import { bigint, integer, pgTable, varchar } from "drizzle-orm/pg-core";

/**
 * The shared store of rate-limiter-flexible's PostgreSQL limiter
 * (RATE_LIMIT_STORE=postgres), in its own layout. Created by a migration so
 * the runtime database role, which may not create tables, can use it.
 */
export const rateLimits = pgTable("rate_limits", {
  key: varchar("key", { length: 255 }).primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});
