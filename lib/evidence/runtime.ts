import "server-only";
/**
 * Process-wide wiring for footage requests and evidence: configuration, the
 * mailer, the SMS sender, the file store, the virus scanner. Built once from the environment;
 * tests replace it with `setEvidenceRuntime` (a loopback SMTP/SMS server, a temp directory, a throwaway clamd).
 */
import path from "node:path";
import { env } from "@/lib/env.js";
import { createMailer, type Mailer } from "@/lib/registration/mailer";
import { createLocalEvidenceStore, type EvidenceStore } from "./storage";
import { createTwilioCompatibleSms, type SmsSender } from "./sms";
import { createClamdScanner, type VirusScanner } from "./virus-scan";

export interface EvidenceRuntime {
  mailer: Mailer | null;
  sms: SmsSender | null;
  store: EvidenceStore;
  /** clamd when CLAMAV_HOST is set; null: files are received unscanned. */
  scanner: VirusScanner | null;
  expiryDays: number;
  maxFileBytes: number;
  maxRequestBytes: number;
}

const globalForEvidence = globalThis as typeof globalThis & { __sightlineEvidence?: EvidenceRuntime };

export function evidenceDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ env.EVIDENCE_DIR ?? path.join(env.DATA_DIR, "evidence"));
}

export function evidenceRuntime(): EvidenceRuntime {
  globalForEvidence.__sightlineEvidence ??= {
    mailer: createMailer({ smtpUrl: env.SMTP_URL, from: env.SMTP_FROM }),
    sms:
      env.SMS_API_URL && env.SMS_ACCOUNT_SID && env.SMS_AUTH_TOKEN && env.SMS_FROM
        ? createTwilioCompatibleSms({ apiUrl: env.SMS_API_URL, accountSid: env.SMS_ACCOUNT_SID, authToken: env.SMS_AUTH_TOKEN, from: env.SMS_FROM })
        : null,
    store: createLocalEvidenceStore(evidenceDir()),
    scanner: env.CLAMAV_HOST ? createClamdScanner({ host: env.CLAMAV_HOST, port: env.CLAMAV_PORT, idleTimeoutMs: env.CLAMAV_TIMEOUT_MS }) : null,
    expiryDays: env.FOOTAGE_REQUEST_EXPIRY_DAYS,
    maxFileBytes: env.EVIDENCE_MAX_FILE_BYTES,
    maxRequestBytes: env.EVIDENCE_MAX_REQUEST_BYTES,
  };
  return globalForEvidence.__sightlineEvidence;
}

/** Tests: swap parts of the runtime (undefined resets it to the environment's). */
export function setEvidenceRuntime(runtime: Partial<EvidenceRuntime> | undefined): void {
  if (!runtime) {
    globalForEvidence.__sightlineEvidence = undefined;
    return;
  }
  globalForEvidence.__sightlineEvidence = { ...evidenceRuntime(), ...runtime };
}
