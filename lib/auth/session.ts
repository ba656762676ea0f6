import "server-only";
import { cookies } from "next/headers";
import { getServerSession } from "next-auth";
import { authOptions } from "./auth-options";
import type { StaffPrincipal } from "./principal";

/**
 * The signed-in staff member of the current browser request (pages, server
 * actions), re-checked against the database by the session callback
 * (disabled users, bumped session versions, idle and absolute limits).
 */
export async function getSessionPrincipal(): Promise<StaffPrincipal | null> {
  // Anonymous visitors (most of the public site) cost nothing: no cookie, no decoding, no query.
  const jar = await cookies();
  if (!jar.has("next-auth.session-token") && !jar.has("__Secure-next-auth.session-token")) return null;
  const session = await getServerSession(authOptions());
  return session?.principal ?? null;
}

/**
 * The same for a route handler's request, read from its own cookies: works
 * without Next's request scope (the role-matrix test calls handlers directly).
 */
export async function getRequestSessionPrincipal(request: Request): Promise<StaffPrincipal | null> {
  const cookieHeader = request.headers.get("cookie");
  if (!cookieHeader || !/next-auth\.session-token/.test(cookieHeader)) return null;
  const cookies = Object.fromEntries(
    cookieHeader.split(";").flatMap((part) => {
      const i = part.indexOf("=");
      if (i < 0) return [];
      const name = part.slice(0, i).trim();
      try {
        return [[name, decodeURIComponent(part.slice(i + 1).trim())]];
      } catch {
        return [];
      }
    }),
  );
  const headers = Object.fromEntries(request.headers.entries());
  const noop = () => {};
  const response = { getHeader: () => undefined, setCookie: noop, setHeader: noop };
  // getServerSession's (req, res, options) form: res is a sink, the refreshed cookie is not needed here.
  const session = await getServerSession({ headers, cookies } as never, response as never, authOptions());
  return session?.principal ?? null;
}
