import "server-only";
import { decode } from "next-auth/jwt";
import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { clientAddress } from "@/lib/http/client-address";

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token=([^;]+)/;

/**
 * Record a sign-out with where it came from. next-auth's own signOut event
 * has no request, so the route handler calls this with the request before
 * next-auth clears the cookie.
 */
export async function auditSignOut(db: Db, request: Request, secret: string): Promise<void> {
  const raw = request.headers.get("cookie")?.match(SESSION_COOKIE)?.[1];
  if (!raw) return;
  const claims = await decode({ token: decodeURIComponent(raw), secret }).catch(() => null);
  if (!claims?.sub) return;
  await recordAudit(
    db,
    { userId: claims.sub, label: claims.email ?? claims.sub, ip: clientAddress(request), userAgent: request.headers.get("user-agent") },
    { action: "auth.sign_out", targetType: "user", targetId: claims.sub },
  );
}
