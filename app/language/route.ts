import { NextResponse, type NextRequest } from "next/server";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S } from "@/lib/i18n/config";
import { availableLocales } from "@/lib/i18n/locales";
import { safeCallbackPath } from "@/lib/auth/safe-callback";

export const dynamic = "force-dynamic";

/** The language switch without JavaScript: keep the choice in a cookie and go back to the page. */
export function GET(request: NextRequest) {
  const locale = request.nextUrl.searchParams.get("locale");
  // A relative Location: no host is ever taken from the request's headers.
  const response = new NextResponse(null, { status: 303, headers: { Location: safeCallbackPath(request.nextUrl.searchParams.get("back")) } });
  if (locale && availableLocales().includes(locale)) {
    response.cookies.set(LOCALE_COOKIE, locale, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE_S, sameSite: "lax" });
  }
  return response;
}
