/**
 * npm run registrations:maintenance — the daily maintenance by hand or from an
 * external timer (the app also runs it on MAINTENANCE_SCHEDULE): erase contact
 * details of registrations closed longer than CONTACT_RETENTION_DAYS_AFTER_WITHDRAWAL,
 * with SMTP e-mail re-confirmation reminders for registrations older than
 * RECONFIRM_AFTER_MONTHS, bring stored address keys up to the current key
 * function, and purge evidence past EVIDENCE_RETENTION_DAYS (as npm run
 * evidence:purge does). On a server it takes the same advisory lock as the
 * app's schedule, so it skips (exit 0, saying so) while an instance runs it.
 */
import { describeMaintenance, runMaintenance } from "../lib/maintenance/maintenance";
import { runCli } from "./run-cli";

await runCli(async (handle) => {
  const outcome = await runMaintenance(handle, "cli");
  if (!outcome.ran) return;
  for (const line of describeMaintenance(outcome.summary)) console.log(line);
});
