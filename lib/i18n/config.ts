/**
 * Which language a request is answered in. Pure (no file system, no Next), so
 * the proxy, route handlers, server components and tests share it.
 *
 * The languages are the files in messages/: adding messages/fr.json adds
 * French everywhere (lib/i18n/locales.ts lists them). English is the default
 * and the fallback for any message a newer file does not have yet.
 */
export const DEFAULT_LOCALE = "en";
/** The resident's explicit choice (the language switch); it wins over Accept-Language. */
export const LOCALE_COOKIE = "NEXT_LOCALE";
export const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

/** "es-MX,es;q=0.9,en;q=0.5" → ["es-mx", "es", "en"], best first; q=0 is a refusal. */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .slice(0, 1000)
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((l) => l.tag && l.tag !== "*" && l.weight > 0 && /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/.test(l.tag))
    .sort((a, b) => b.weight - a.weight || a.i - b.i)
    .map((l) => l.tag);
}

/** The available locale a tag asks for: exact ("es"), or by its language ("es-MX" → "es"). */
export function matchLocale(tag: string | null | undefined, available: readonly string[]): string | null {
  if (!tag) return null;
  const lower = tag.trim().toLowerCase();
  const exact = available.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const language = lower.split("-")[0];
  return available.find((l) => l.toLowerCase() === language || l.toLowerCase().split("-")[0] === language) ?? null;
}

/** Cookie (the resident's choice) first, then Accept-Language, then the default. */
export function resolveLocale(input: { cookie?: string | null; acceptLanguage?: string | null }, available: readonly string[]): string {
  const chosen = matchLocale(input.cookie, available);
  if (chosen) return chosen;
  for (const tag of parseAcceptLanguage(input.acceptLanguage)) {
    const match = matchLocale(tag, available);
    if (match) return match;
  }
  return available.includes(DEFAULT_LOCALE) ? DEFAULT_LOCALE : (available[0] ?? DEFAULT_LOCALE);
}

/** A resident's language as staff read it, in English: "es" → "Spanish". */
export function languageNameForStaff(locale: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}
