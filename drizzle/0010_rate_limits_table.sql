-- ==== hand-edited (keep when regenerating): IF NOT EXISTS, because before this migration the
-- PostgreSQL rate-limit store created this same table by itself on first use ====
CREATE TABLE IF NOT EXISTS "rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
