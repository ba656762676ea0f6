/**
 * npm run registrations:maintenance — run daily (cron/systemd timer):
 * erase contact details of registrations closed longer than
 * CONTACT_RETENTION_DAYS_AFTER_WITHDRAWAL, and, with SMTP, e-mail
 * re-confirmation reminders for registrations older than RECONFIRM_AFTER_MONTHS;
 * bring stored address keys up to the current key function; and purge
 * evidence past EVIDENCE_RETENTION_DAYS (as npm run evidence:purge does).
 */
import { systemActor } from "../lib/audit/record-audit";
import { agencySettings } from "../lib/agency/settings";
import { purgeRevokedSessions } from "../lib/auth/session-claims";
import { env } from "../lib/env.js";
import { runEvidenceRetention } from "../lib/evidence/retention";
import { evidenceDir } from "../lib/evidence/runtime";
import { createLocalEvidenceStore } from "../lib/evidence/storage";
import { publicBaseUrl } from "../lib/http/public-url";
import { createMailer } from "../lib/registration/mailer";
import { rekeyRegistrationAddresses } from "../lib/registration/rekey-addresses";
import { eraseExpiredContacts } from "../lib/registration/retention";
import { sendReconfirmReminders } from "../lib/registration/review";
import { runCli } from "./run-cli";

await runCli(async (handle) => {
  const actor = systemActor("cli:registrations-maintenance");
  const { rekeyed } = await rekeyRegistrationAddresses(handle.db);
  console.log(`recomputed the address key of ${rekeyed} registration(s)`);
  const { erased } = await eraseExpiredContacts(handle.db, { retentionDays: env.CONTACT_RETENTION_DAYS_AFTER_WITHDRAWAL, actor });
  console.log(`erased contact details of ${erased.length} closed registration(s)`);
  console.log(`forgot ${await purgeRevokedSessions(handle.db)} signed-out session(s) past their absolute limit`);
  console.log(await runEvidenceRetention(handle.db, createLocalEvidenceStore(evidenceDir()), env.EVIDENCE_RETENTION_DAYS, systemActor("cli:evidence-purge")));
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.SMTP_FROM });
  if (!mailer) {
    console.log("SMTP is not configured: no re-confirmation reminders sent");
    return;
  }
  const result = await sendReconfirmReminders(handle.db, mailer, {
    actor,
    reconfirmAfterMonths: env.RECONFIRM_AFTER_MONTHS,
    baseUrl: publicBaseUrl(),
    agencyName: agencySettings().name,
  });
  console.log(`re-confirmation reminders: ${result.sent} sent, ${result.skipped} not delivered`);
});
