import { NextResponse, type NextRequest } from "next/server";

/**
 * The cheap first gate only: a staff page without any session cookie goes
 * straight to sign-in. Whether the session is valid, and whether its role is
 * enough, is decided in server code (requireStaffPage / withRole).
 */
export function proxy(request: NextRequest) {
  const hasSessionCookie =
    request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  if (hasSessionCookie) return NextResponse.next();
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/map/:path*", "/incidents/:path*", "/review/:path*", "/dashboard/:path*", "/admin/:path*", "/account/:path*"],
};
