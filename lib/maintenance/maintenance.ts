import "server-only";
import { sql } from "drizzle-orm";
import type { Db, DbKind } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { recordAudit, systemActor } from "@/lib/audit/record-audit";
import { purgeRevokedSessions } from "@/lib/auth/session-claims";
import { env } from "@/lib/env.js";
import { runEvidenceRetention } from "@/lib/evidence/retention";
import { evidenceDir, evidenceRuntime } from "@/lib/evidence/runtime";
import { createLocalEvidenceStore, type EvidenceStore } from "@/lib/evidence/storage";
import { scanAwaitingItems, type RescanSummary, type VirusScanner } from "@/lib/evidence/virus-scan";
import { publicBaseUrl } from "@/lib/http/public-url";
import { createMailer, type Mailer } from "@/lib/registration/mailer";
import { rekeyRegistrationAddresses } from "@/lib/registration/rekey-addresses";
import { eraseExpiredContacts } from "@/lib/registration/retention";
import { sendReconfirmReminders } from "@/lib/registration/review";
import { runExclusively } from "./exclusive-run";

/** What the daily maintenance needs; `maintenanceSettings()` reads it from the configuration. */
export interface MaintenanceSettings {
  contactRetentionDays: number;
  reconfirmAfterMonths: number;
  evidenceRetentionDays: number | undefined;
  evidenceStore: EvidenceStore;
  /** clamd (CLAMAV_HOST), or null: evidence still waiting for a verdict is scanned again by each run. */
  virusScanner: VirusScanner | null;
  mailer: Mailer | null;
  baseUrl: string;
  agencyName: string;
}

export function maintenanceSettings(): MaintenanceSettings {
  return {
    contactRetentionDays: env.CONTACT_RETENTION_DAYS_AFTER_WITHDRAWAL,
    reconfirmAfterMonths: env.RECONFIRM_AFTER_MONTHS,
    evidenceRetentionDays: env.EVIDENCE_RETENTION_DAYS,
    evidenceStore: createLocalEvidenceStore(evidenceDir()),
    virusScanner: evidenceRuntime().scanner,
    mailer: createMailer({ smtpUrl: env.SMTP_URL, from: env.SMTP_FROM }),
    baseUrl: publicBaseUrl(),
    agencyName: agencySettings().name,
  };
}

export interface MaintenanceSummary {
  rekeyedAddresses: number;
  contactsErased: number;
  revokedSessionsForgotten: number;
  /** One line from the evidence retention step (lib/evidence/retention.ts). */
  evidence: string;
  /** null: no virus scanner is configured (CLAMAV_HOST unset). */
  evidenceScan: RescanSummary | null;
  /** null: SMTP is not configured, so no reminders were sent. */
  reminders: { sent: number; skipped: number } | null;
}

/**
 * The daily maintenance, each step its own transaction(s): bring stored address
 * keys up to date, erase contacts of registrations closed longer than the
 * retention period, forget revoked sessions past their limit, purge evidence
 * past its retention (unless on legal hold), with clamd scan evidence still
 * waiting for a verdict (clamd was down), and, with SMTP, e-mail
 * re-confirmation reminders.
 */
export async function runMaintenanceSteps(db: Db, settings: MaintenanceSettings, trigger: string, now = new Date()): Promise<MaintenanceSummary> {
  const actor = systemActor(`maintenance:${trigger}`);
  const { rekeyed } = await rekeyRegistrationAddresses(db);
  const { erased } = await eraseExpiredContacts(db, { retentionDays: settings.contactRetentionDays, actor, now });
  const revokedSessionsForgotten = await purgeRevokedSessions(db, now);
  const evidence = await runEvidenceRetention(db, settings.evidenceStore, settings.evidenceRetentionDays, actor);
  const evidenceScan = settings.virusScanner ? await scanAwaitingItems(db, settings.evidenceStore, settings.virusScanner, actor) : null;
  const reminders = settings.mailer
    ? await sendReconfirmReminders(db, settings.mailer, {
        actor,
        reconfirmAfterMonths: settings.reconfirmAfterMonths,
        baseUrl: settings.baseUrl,
        agencyName: settings.agencyName,
        now,
      })
    : null;
  return { rekeyedAddresses: rekeyed, contactsErased: erased.length, revokedSessionsForgotten, evidence, evidenceScan, reminders };
}

export type MaintenanceOutcome = { ran: true; summary: MaintenanceSummary; durationMs: number } | { ran: false };

/**
 * The maintenance, by at most one instance at a time (lib/maintenance/exclusive-run.ts):
 * the others skip. Each run is audited as `maintenance.run` with what it did
 * (or `maintenance.failed` with the error, which is rethrown); a skip is only logged.
 *
 * `slot`: the scheduled time this run is for. The lock alone keeps runs from
 * overlapping, but an instance whose timer fires a moment after another's run
 * has finished would get the lock and run the same slot again; under the lock,
 * a slot that already has its audited run is skipped, so each scheduled time is
 * run by exactly one instance.
 */
export async function runMaintenance(
  handle: { db: Db; kind: DbKind },
  trigger: "schedule" | "cli",
  settings: MaintenanceSettings = maintenanceSettings(),
  options: { slot?: Date } = {},
): Promise<MaintenanceOutcome> {
  const actor = systemActor(`maintenance:${trigger}`);
  const started = Date.now();
  const slot = options.slot?.toISOString();
  const outcome = await runExclusively(handle.db, handle.kind, "maintenance", async () => {
    if (slot && (await slotAlreadyRun(handle.db, slot))) return null;
    try {
      const summary = await runMaintenanceSteps(handle.db, settings, trigger);
      const durationMs = Date.now() - started;
      await recordAudit(handle.db, actor, { action: "maintenance.run", details: { trigger, ...(slot ? { slot } : {}), durationMs, ...summary } });
      return { summary, durationMs };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await recordAudit(handle.db, actor, { action: "maintenance.failed", details: { trigger, ...(slot ? { slot } : {}), error: message.slice(0, 500) } }).catch(() => {});
      throw err;
    }
  });
  if (!outcome.ran || outcome.value === null) {
    console.log(`[maintenance] ${trigger}: skipped, ${outcome.ran ? `another instance has run the ${slot} slot` : "another instance is running it"}`);
    return { ran: false };
  }
  return { ran: true, ...outcome.value };
}

async function slotAlreadyRun(db: Db, slot: string): Promise<boolean> {
  const rows = await db.execute(sql`select 1 from audit_log where action = 'maintenance.run' and details->>'slot' = ${slot} limit 1`);
  return rows.rows.length > 0;
}

/** The summary as lines for a log or a terminal. */
export function describeMaintenance(summary: MaintenanceSummary): string[] {
  return [
    `recomputed the address key of ${summary.rekeyedAddresses} registration(s)`,
    `erased contact details of ${summary.contactsErased} closed registration(s)`,
    `forgot ${summary.revokedSessionsForgotten} signed-out session(s) past their absolute limit`,
    summary.evidence,
    summary.evidenceScan
      ? `virus scan of evidence waiting for a verdict: ${summary.evidenceScan.scanned} scanned, ${summary.evidenceScan.quarantined} quarantined, ${summary.evidenceScan.notScanned} still not scanned`
      : "no virus scanner configured (CLAMAV_HOST): no evidence scanned",
    summary.reminders
      ? `re-confirmation reminders: ${summary.reminders.sent} sent, ${summary.reminders.skipped} not delivered`
      : "SMTP is not configured: no re-confirmation reminders sent",
  ];
}
