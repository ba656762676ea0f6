import "server-only";
/**
 * Owner e-mail (management link, re-confirmation reminders) through nodemailer
 * when SMTP_URL / SMTP_FROM are configured. Without SMTP there is no mailer and
 * the link is shown on screen only. Sending happens after the transaction has
 * committed, and a failure to send never undoes or fails a registration.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { DEFAULT_LOCALE } from "@/lib/i18n/config";
import { availableLocales, messagesFor } from "@/lib/i18n/locales";
import { translatorFor, type Translate } from "@/lib/i18n/translate";

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export function createMailer(config: { smtpUrl?: string; from?: string }): Mailer | null {
  if (!config.smtpUrl || !config.from) return null;
  const transport: Transporter = nodemailer.createTransport(config.smtpUrl, { from: config.from });
  return {
    async send(message) {
      await transport.sendMail({ from: config.from, ...message });
    },
  };
}

const emailTranslators = new Map<string, Translate>();

/** The "email" namespace's translator of a language (English if unknown), built once: a translator per e-mail was ~1% of the app's CPU under load. */
function emailTranslator(locale: string): Translate {
  const known = availableLocales().includes(locale) ? locale : DEFAULT_LOCALE;
  let t = emailTranslators.get(known);
  if (!t) {
    t = translatorFor(known, messagesFor(known), "email");
    emailTranslators.set(known, t);
  }
  return t;
}

/** One e-mail from the messages files ("email" namespace), in the owner's language (English if unknown). */
function ownerEmail(kind: "manageLink" | "lostLink" | "duplicate" | "reminder", agencyName: string, manageUrl: string, locale: string) {
  const t = emailTranslator(locale);
  return { subject: t(`${kind}Subject`, { agency: agencyName }), text: t(`${kind}Body`, { agency: agencyName, url: manageUrl }) };
}

export const manageLinkEmail = (agencyName: string, manageUrl: string, locale = "en") => ownerEmail("manageLink", agencyName, manageUrl, locale);

/** The lost-link page's answer, to the registration's own e-mail address. */
export const lostLinkEmail = (agencyName: string, manageUrl: string, locale = "en") => ownerEmail("lostLink", agencyName, manageUrl, locale);

/** To the owner of an existing registration when someone registers the same address again. */
export const duplicateNoticeEmail = (agencyName: string, manageUrl: string, locale = "en") => ownerEmail("duplicate", agencyName, manageUrl, locale);

export const reminderEmail = (agencyName: string, manageUrl: string, locale = "en") => ownerEmail("reminder", agencyName, manageUrl, locale);

/** Send and log instead of throwing: the registration is already saved. */
export async function sendQuietly(mailer: Mailer | null, message: { to: string; subject: string; text: string }): Promise<boolean> {
  if (!mailer) return false;
  try {
    await mailer.send(message);
    return true;
  } catch (err) {
    console.error(`[mail] could not send "${message.subject}": ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}
