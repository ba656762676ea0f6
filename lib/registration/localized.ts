import "server-only";
/** The resident-facing schemas and translators in a request's language, built once per language. */
import { localeOfRequest } from "@/lib/i18n/request-locale";
import { messagesFor } from "@/lib/i18n/locales";
import { translatorFor, type Translate } from "@/lib/i18n/translate";
import { registrationSchemas, type RegistrationSchemas } from "./schema";

const cache = new Map<string, RegistrationSchemas>();

export function schemasFor(locale: string): RegistrationSchemas {
  let schemas = cache.get(locale);
  if (!schemas) {
    schemas = registrationSchemas(translatorFor(locale, messagesFor(locale), "validation"));
    cache.set(locale, schemas);
  }
  return schemas;
}

export function translate(locale: string, namespace: string): Translate {
  return translatorFor(locale, messagesFor(locale), namespace);
}

const validationTranslators = new Map<string, Translate>();

/** The validation messages' translator of a language, built once (a translator per request was a visible share of a registration's time). */
function validationTranslator(locale: string): Translate {
  let tv = validationTranslators.get(locale);
  if (!tv) {
    tv = translate(locale, "validation");
    validationTranslators.set(locale, tv);
  }
  return tv;
}

/** A request's language (cookie, then Accept-Language) with its schemas and validation messages. */
export function localizedRequest(request: Request) {
  const locale = localeOfRequest(request);
  return { locale, schemas: schemasFor(locale), tv: validationTranslator(locale) };
}
