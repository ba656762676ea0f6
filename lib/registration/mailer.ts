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

export function manageLinkEmail(agencyName: string, manageUrl: string) {
  return {
    subject: `${agencyName}: your security camera registration`,
    text: [
      `Thank you for registering your security cameras with ${agencyName}.`,
      "",
      "Keep this private link. With it you can update your registration, confirm it is still current, or withdraw it:",
      manageUrl,
      "",
      "Anyone with the link can change your registration, so do not share it. Any earlier link no longer works.",
    ].join("\n"),
  };
}

/** To the owner of an existing registration when someone registers the same address again. */
export function duplicateNoticeEmail(agencyName: string, manageUrl: string) {
  return {
    subject: `${agencyName}: someone registered your address again`,
    text: [
      `Someone has just sent a new security camera registration for the address you registered with ${agencyName}.`,
      "Your registration has not been changed. Staff will review the new one and keep or merge it.",
      "",
      "If it was you and you wanted to change your details, use your own private link instead:",
      manageUrl,
      "",
      "This is a new private link; any earlier link no longer works. If you did not send the new registration, you need do nothing.",
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
