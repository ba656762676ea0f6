/**
 * A plain translator over one namespace of a messages file, for code outside
 * React (zod schemas, e-mails, route handlers). Same ICU syntax and lookup as
 * next-intl's useTranslations/getTranslations, which components use.
 */
// use-intl/core (the library next-intl builds on) has no React in it, so the
// command-line tools, which run under the react-server condition, can load it too.
import { createTranslator } from "use-intl/core";

export type Messages = Record<string, unknown>;
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export function translatorFor(locale: string, messages: Messages, namespace?: string): Translate {
  // The message keys are checked by the tests that list them, not by the type system.
  const t = createTranslator({ locale, messages: messages as never, namespace: namespace as never });
  return (key, values) => (t as unknown as Translate)(key, values);
}
