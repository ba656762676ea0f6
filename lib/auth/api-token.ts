import "server-only";
import crypto from "node:crypto";
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
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

/** The staff member a live (unexpired, unrevoked) token belongs to, if the user is enabled. */
export async function principalForApiToken(db: Db, token: string): Promise<StaffPrincipal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const now = new Date();
  const rows = await db
    .select({ tokenId: apiTokens.id, userId: users.id, email: users.email, name: users.name, role: users.role, allowAdmin: apiTokens.allowAdmin })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashApiToken(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  // "Last used" to the minute is all the admin page needs: an integration calling many times a
  // minute then costs one row write (and WAL flush) a minute, not one per request.
  const aMinuteAgo = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, row.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, aMinuteAgo))));
  // Admin powers through a token only when the issuing admin said so explicitly (the token of an admin otherwise acts as a supervisor).
  const role = row.role === "admin" && !row.allowAdmin ? "supervisor" : row.role;
  return { userId: row.userId, email: row.email, name: row.name, role, via: "token" };
}
