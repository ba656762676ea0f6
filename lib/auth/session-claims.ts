import "server-only";
import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { revokedSessions, users } from "@/db/schema";
import type { AuthSettings } from "./auth-settings";
import type { StaffPrincipal } from "./principal";

/** What our JWT session carries besides next-auth's own fields. Times in epoch ms. */
export interface SessionClaims {
  sub?: string;
  sessionVersion?: number;
  authTimeMs?: number;
  lastSeenMs?: number;
  /** Set once the session hit a timeout: it is never refreshed again. */
  ended?: "idle" | "absolute";
  /** Signed in through the agency's OpenID Connect provider, which owns the second factor. */
  viaOidc?: boolean;
  /** This session's id: signing out lists it in revoked_sessions. */
  sid?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Idle and absolute limits, checked before a session is refreshed. */
export function sessionEndReason(claims: SessionClaims, nowMs: number, settings: AuthSettings): "idle" | "absolute" | null {
  if (claims.ended) return claims.ended;
  if (typeof claims.authTimeMs !== "number" || typeof claims.lastSeenMs !== "number") return "absolute";
  if (nowMs - claims.authTimeMs > settings.absoluteTimeoutMs) return "absolute";
  if (nowMs - claims.lastSeenMs > settings.idleTimeoutMs) return "idle";
  return null;
}

/**
 * The staff member a live session belongs to, re-read from the database on
 * every request: a disabled account, or a session version bumped by a role
 * change, password reset or "sign out everywhere", ends the session now.
 */
export async function principalForSessionClaims(
  db: Db,
  claims: SessionClaims,
  settings: AuthSettings,
  nowMs = Date.now(),
): Promise<StaffPrincipal | null> {
  if (!claims.sub || typeof claims.sessionVersion !== "number") return null;
  if (sessionEndReason(claims, nowMs, settings)) return null;
  if (!UUID.test(claims.sub) || !claims.sid || !UUID.test(claims.sid)) return null;
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      sessionVersion: users.sessionVersion,
      totpEnabledAt: users.totpEnabledAt,
      revoked: sql<boolean>`exists (select 1 from ${revokedSessions} where ${revokedSessions.sessionId} = ${claims.sid})`,
    })
    .from(users)
    .where(eq(users.id, claims.sub))
    .limit(1);
  if (!user || user.disabledAt || user.revoked || user.sessionVersion !== claims.sessionVersion) return null;
  // A server deployment that made MFA mandatory after this session began still refuses it until enrolment.
  if (settings.mfaRequired && !user.totpEnabledAt && !claims.viaOidc) return null;
  return { userId: user.id, email: user.email, name: user.name, role: user.role, via: "session" };
}

/** End one session for good (sign-out): listed until its absolute limit has passed. */
export async function revokeSession(db: Db, claims: SessionClaims, settings: AuthSettings, now = new Date()): Promise<boolean> {
  if (!claims.sub || !claims.sid || !UUID.test(claims.sub) || !UUID.test(claims.sid)) return false;
  const started = typeof claims.authTimeMs === "number" ? claims.authTimeMs : now.getTime();
  const expiresAt = new Date(Math.max(now.getTime(), started + settings.absoluteTimeoutMs) + 60_000);
  await db.insert(revokedSessions).values({ sessionId: claims.sid, userId: claims.sub, revokedAt: now, expiresAt }).onConflictDoNothing();
  return true;
}

/** Maintenance: entries whose session would have ended by itself anyway. */
export async function purgeRevokedSessions(db: Db, now = new Date()): Promise<number> {
  const gone = await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, now)).returning({ id: revokedSessions.sessionId });
  return gone.length;
}
