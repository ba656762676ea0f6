/**
 * next-intl's per-request configuration (wired in next.config.js). No locale
 * in the URL: the language comes from the resident's choice (cookie) or the
 * browser's Accept-Language. Dates are shown in the agency's time zone.
 */
import { getRequestConfig } from "next-intl/server";
import { env } from "@/lib/env.js";
import { messagesFor } from "./locales";
import { requestLocale } from "./request-locale";

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: messagesFor(locale) as never, timeZone: env.AGENCY_TIME_ZONE };
});
