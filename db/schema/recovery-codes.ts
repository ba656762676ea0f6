import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * One-time recovery codes for the TOTP second factor. Only a SHA-256 of each
 * code is kept (the codes carry 60 random bits); `usedAt` marks a spent code,
 * which is never accepted again. Re-enrolment replaces the whole set.
 */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("recovery_codes_user_hash_idx").on(t.userId, t.codeHash), index("recovery_codes_user_idx").on(t.userId)],
);

export type RecoveryCode = typeof recoveryCodes.$inferSelect;
