import "server-only";
/** The request's language, for server components, route handlers and server actions. */
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, resolveLocale } from "./config";
import { availableLocales } from "./locales";

export async function requestLocale(): Promise<string> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return resolveLocale({ cookie: cookieStore.get(LOCALE_COOKIE)?.value, acceptLanguage: headerList.get("accept-language") }, availableLocales());
}

/** The same for a plain Request (route handlers given the request, and their tests). */
export function localeOfRequest(request: Request): string {
  const cookie = request.headers
    .get("cookie")
    ?.split(";")
    .map((c) => c.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return resolveLocale({ cookie: cookie ? decodeURIComponent(cookie) : null, acceptLanguage: request.headers.get("accept-language") }, availableLocales());
}
