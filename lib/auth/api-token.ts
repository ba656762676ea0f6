import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { fixedStatement, runFixed } from "@/lib/db/fixed-statements";
import type { StaffPrincipal } from "./principal";

const TOKEN_PREFIX = "sl_";

/** Tokens are 256 random bits; only their SHA-256 is stored (a fast hash is right for high-entropy secrets). */
export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function generateApiToken(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}

export function bearerTokenFrom(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** $1 the token's SHA-256, $2 now, $3 a minute ago. */
const LIVE_TOKEN = fixedStatement(`
    with live as (
      select api_tokens.id as token_id, users.id as user_id, users.email, users.name, users.role, api_tokens.allow_admin
      from api_tokens join users on users.id = api_tokens.user_id
      where api_tokens.token_hash = $1::text
        and api_tokens.revoked_at is null
        and (api_tokens.expires_at is null or api_tokens.expires_at > $2::timestamptz)
        and users.disabled_at is null
      limit 1
    ), touched as (
      update api_tokens set last_used_at = $2::timestamptz
      where id = (select token_id from live)
        and (last_used_at is null or last_used_at < $3::timestamptz)
    )
    select user_id as "userId", email, name, role, allow_admin as "allowAdmin" from live`);

type LiveTokenRow = {
  userId: string;
  email: string;
  name: string;
  role: StaffPrincipal["role"];
  allowAdmin: boolean;
};

/**
 * The staff member a live (unexpired, unrevoked) token belongs to, if the user is enabled.
 *
 * Checked against the database on every request, never cached: a token revoked
 * (or its user disabled, or its role changed) on any instance stops working on
 * the very next request on every instance. What keeps it cheap under load is
 * that the check and the "last used" write are one statement, one round trip:
 * the write is a data-modifying CTE, which PostgreSQL runs once whether or not
 * the outer select reads it. The statement is fixed text (lib/db/fixed-statements.ts):
 * nothing to build per request, and on a server prepared once per connection.
 */
export async function principalForApiToken(db: Db, token: string): Promise<StaffPrincipal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const now = new Date();
  // "Last used" to the minute is all the admin page needs: an integration calling many times a
  // minute then costs one row write (and WAL flush) a minute, not one per request.
  const aMinuteAgo = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  const [row] = await runFixed<LiveTokenRow>(db, LIVE_TOKEN, [hashApiToken(token), now.toISOString(), aMinuteAgo.toISOString()]);
  if (!row) return null;
  // Admin powers through a token only when the issuing admin said so explicitly (the token of an admin otherwise acts as a supervisor).
  const role = row.role === "admin" && !row.allowAdmin ? "supervisor" : row.role;
  return { userId: row.userId, email: row.email, name: row.name, role, via: "token" };
}
