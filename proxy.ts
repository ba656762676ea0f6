import { NextResponse, type NextRequest } from "next/server";
import { env } from "./lib/env.js";
import { contentSecurityPolicy } from "./lib/http/security-headers";

const STAFF_PREFIXES = ["/map", "/incidents", "/review", "/dashboard", "/admin", "/account"];

function isStaffPage(pathname: string): boolean {
  return STAFF_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/**
 * Every page: a fresh CSP nonce (lib/http/security-headers.ts) on the request,
 * so Next.js stamps it on its scripts, and the policy on the answer. Private
 * link pages (/manage/…) send no Referer at all.
 *
 * And the cheap first gate only: a staff page without any session cookie goes
 * straight to sign-in. Whether the session is valid, and whether its role is
 * enough, is decided in server code (requireStaffPage / withRole).
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const nonce = btoa(crypto.randomUUID());
  const https = (env.NEXTAUTH_URL ?? "").startsWith("https://");
  const csp = contentSecurityPolicy({ nonce, tileUrl: env.MAP_TILE_URL, dev: env.NODE_ENV === "development", https });

  let response: NextResponse;
  const hasSessionCookie =
    request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  if (isStaffPage(pathname) && !hasSessionCookie) {
    const signIn = new URL("/signin", request.url);
    signIn.searchParams.set("callbackUrl", pathname + request.nextUrl.search);
    response = NextResponse.redirect(signIn);
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  response.headers.set("Content-Security-Policy", csp);
  if (pathname.startsWith("/manage/")) response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

export const config = {
  // Pages only. API routes carry no scripts, and a proxy in front of them would buffer request bodies
  // (uploads); HSTS reaches browsers through the pages. Static files carry no scripts of ours.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
