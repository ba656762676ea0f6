import "server-only";
/**
 * Owner e-mail (management link, re-confirmation reminders) through nodemailer
 * when SMTP_URL / SMTP_FROM are configured. Without SMTP there is no mailer and
 * the link is shown on screen only. Sending happens after the transaction has
 * committed, and a failure to send never undoes or fails a registration.
 */
import nodemailer, { type Transporter } from "nodemailer";

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

export function manageLinkEmail(agencyName: string, manageUrl: string, updatedExisting: boolean) {
  return {
    subject: `${agencyName}: your security camera registration`,
    text: [
      updatedExisting
        ? `Your earlier camera registration with ${agencyName} has been updated with the details you just sent.`
        : `Thank you for registering your security cameras with ${agencyName}.`,
      "",
      "Keep this private link. With it you can update your registration, confirm it is still current, or withdraw it:",
      manageUrl,
      "",
      "Anyone with the link can change your registration, so do not share it. Any earlier link no longer works.",
    ].join("\n"),
  };
}

export function reminderEmail(agencyName: string, manageUrl: string) {
  return {
    subject: `${agencyName}: is your camera registration still current?`,
    text: [
      `You registered security cameras with ${agencyName}. Please take a minute to confirm the registration is still current,`,
      "update it, or withdraw it if you no longer use the cameras or live at the address:",
      manageUrl,
      "",
      "This is a new private link; any earlier link no longer works.",
    ].join("\n"),
  };
}

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
