import "server-only";
/**
 * The languages the app speaks are the files in messages/ (en.json, es.json…):
 * a new file is a new language on every public page, in the API's validation
 * messages and in e-mails. Messages missing from a newer file fall back to
 * English, key by key.
 */
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_LOCALE } from "./config";
import type { Messages } from "./translate";

const MESSAGES_DIR = path.join(process.cwd(), "messages");
const LOCALE_FILE = /^([a-z]{2,3}(?:-[A-Z]{2})?)\.json$/;

let cachedLocales: string[] | null = null;
const cachedMessages = new Map<string, Messages>();

/** Available locales, the default first, then the rest alphabetically. */
export function availableLocales(): string[] {
  if (cachedLocales) return cachedLocales;
  const found = fs
    .readdirSync(MESSAGES_DIR)
    .map((f) => f.match(LOCALE_FILE)?.[1])
    .filter((l): l is string => Boolean(l));
  cachedLocales = [DEFAULT_LOCALE, ...found.filter((l) => l !== DEFAULT_LOCALE).sort()];
  return cachedLocales;
}

function readMessages(locale: string): Messages {
  return JSON.parse(fs.readFileSync(path.join(MESSAGES_DIR, `${locale}.json`), "utf8")) as Messages;
}

function mergeFallback(base: Messages, over: Messages): Messages {
  const out: Messages = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const b = base[key];
    out[key] = value && typeof value === "object" && b && typeof b === "object" ? mergeFallback(b as Messages, value as Messages) : value;
  }
  return out;
}

/** A locale's messages with English filling any gap. Unknown locales get English. */
export function messagesFor(locale: string): Messages {
  const known = availableLocales().includes(locale) ? locale : DEFAULT_LOCALE;
  const cached = cachedMessages.get(known);
  if (cached) return cached;
  const english = readMessages(DEFAULT_LOCALE);
  const messages = known === DEFAULT_LOCALE ? english : mergeFallback(english, readMessages(known));
  cachedMessages.set(known, messages);
  return messages;
}

/** Each language named in itself ("English", "Español"), for the language switch. */
export function languageNames(): { locale: string; name: string }[] {
  return availableLocales().map((locale) => ({
    locale,
    name: String((messagesFor(locale).meta as { languageName?: string } | undefined)?.languageName ?? locale),
  }));
}
