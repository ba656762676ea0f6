import "server-only";
import { decode } from "next-auth/jwt";
import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { clientAddress } from "@/lib/http/client-address";
import { authSettings } from "./auth-settings";
import { revokeSession, type SessionClaims } from "./session-claims";

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token=([^;]+)/;

/**
 * Sign-out, server side: the session's id is revoked (a copy of the cookie
 * stops working at once) and the sign-out is audited with where it came
 * from, in one transaction. next-auth's own signOut event has no request, so
 * the route handler calls this with the request before next-auth clears the cookie.
 */
export async function revokeAndAuditSignOut(db: Db, request: Request, secret: string): Promise<void> {
  const raw = request.headers.get("cookie")?.match(SESSION_COOKIE)?.[1];
  if (!raw) return;
  const claims = (await decode({ token: decodeURIComponent(raw), secret }).catch(() => null)) as (SessionClaims & { email?: string | null }) | null;
  if (!claims?.sub) return;
  const sub = claims.sub;
  await db.transaction(async (tx) => {
    const revoked = await revokeSession(tx as unknown as Db, claims, authSettings());
    await recordAudit(
      tx,
      { userId: sub, label: claims.email ?? sub, ip: clientAddress(request), userAgent: request.headers.get("user-agent") },
      { action: "auth.signed_out", targetType: "user", targetId: sub, details: { sessionRevoked: revoked } },
    );
  });
}
