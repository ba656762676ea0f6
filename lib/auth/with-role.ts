import "server-only";
import type { NextRequest } from "next/server";
import type { Db } from "@/db/client";
import type { AuditActor } from "@/lib/audit/record-audit";
import { errorAnswer } from "@/lib/http/errors";
import { answerError, openDatabase } from "@/lib/http/route-errors";
import { clientAddress } from "@/lib/http/client-address";
import { isSameOriginWrite } from "@/lib/http/same-origin";
import { bearerTokenFrom, principalForApiToken } from "./api-token";
import type { StaffPrincipal } from "./principal";
import { roleAllows, type Role } from "./roles";
import { getRequestSessionPrincipal } from "./session";
import type { StaffContext } from "./mutation-context";

/**
 * Resolve who is calling: an `Authorization: Bearer` API token, else the
 * browser session. A bad token is not retried as a session: the caller asked
 * to be that token.
 */
export async function resolvePrincipal(db: Db, request: Request): Promise<StaffPrincipal | null> {
  const token = bearerTokenFrom(request);
  if (token) return principalForApiToken(db, token);
  return getRequestSessionPrincipal(request);
}

/**
 * A write that rides on the browser's session cookie but does not come from
 * the app's own pages (CSRF). An API token is sent on purpose, so it is exempt.
 */
export function isCrossOriginCookieWrite(request: Request): boolean {
  return !bearerTokenFrom(request) && !isSameOriginWrite(request.method, request.headers);
}

export function auditActorFor(principal: StaffPrincipal, request: Request): AuditActor {
  return {
    userId: principal.userId,
    label: principal.email,
    ip: clientAddress(request),
    userAgent: request.headers.get("user-agent"),
  };
}

type RouteParams = { params: Promise<Record<string, string | string[]>> };

/**
 * The one role check for staff route handlers: 401 without credentials,
 * 403 below `minRole`, otherwise the handler runs with the mutation context
 * (db, principal, audit actor: lib/auth/mutation-context.ts).
 * What the handler throws is answered by the error contract (lib/http/errors.ts):
 * an AppError as itself, an unreachable database as 503, anything else stays a 500.
 */
export function withRole<P extends RouteParams = RouteParams>(
  minRole: Role,
  handler: (request: NextRequest, staff: StaffContext, route: P) => Promise<Response>,
) {
  const wrapped = async (request: NextRequest, route: P): Promise<Response> => {
    try {
      const db = await openDatabase();
      const principal = await resolvePrincipal(db, request);
      if (!principal) return errorAnswer("unauthenticated", "authentication required");
      if (isCrossOriginCookieWrite(request)) {
        return errorAnswer("forbidden", "cross-origin request refused: send it from the app, or with an API token");
      }
      if (!roleAllows(principal.role, minRole)) return errorAnswer("forbidden", "forbidden");
      return await handler(request, { principal, db, actor: auditActorFor(principal, request) }, route);
    } catch (err) {
      // A server that went away after the pool was opened fails here (the
      // principal lookup is the first query): that is a 503, not a bug. Anything else stays a 500.
      return answerError(err, `${request.method} ${new URL(request.url).pathname}`);
    }
  };
  // Recorded so the role-matrix test can prove every staff route is wrapped.
  return Object.assign(wrapped, { minRole });
}
