/**
 * Every audit action the app records, in one place and one tense: what
 * happened, as `<thing>.<past participle>` ("user.created", "canvass.exported").
 * `recordAudit` accepts only these, so a new action is added here first.
 *
 * The audit trail is append-only, so entries written before the names were
 * put in the past tense keep their old names ("user.create",
 * "investigation.search"). LEGACY_AUDIT_ACTIONS maps them to today's name:
 * the audit page shows and filters by today's name and finds both.
 */
export const AUDIT_ACTIONS = [
  "api_token.issued",
  "api_token.revoked",
  "audit.exported",
  "audit.viewed",
  "auth.locked_out",
  "auth.mfa_enrolled",
  "auth.recovery_code_used",
  "auth.sign_in_failed",
  "auth.signed_in",
  "auth.signed_out",
  "auth.totp_secrets_sealed",
  "canvass.assigned",
  "canvass.exported",
  "canvass.viewed",
  "canvass.walk_order_changed",
  "canvass_entry.attempted",
  "canvass_entry.updated",
  "demo.seeded",
  "evidence.downloaded",
  "evidence.integrity_alert",
  "evidence.legal_hold_cleared",
  "evidence.legal_hold_set",
  "evidence.malware_alert",
  "evidence.package_exported",
  "evidence.poster_viewed",
  "evidence.purged",
  "evidence.received",
  "evidence.scan_failed",
  "evidence.viewed",
  "footage_request.created",
  "footage_request.declined",
  "footage_request.opened",
  "footage_request.revoked",
  "geocode.searched",
  "incident.closed",
  "incident.created",
  "incident.reopened",
  "incident.updated",
  "incident.viewed",
  "investigation.searched",
  "maintenance.failed",
  "maintenance.run",
  "reference.imported",
  "registration.change_reported",
  "registration.confirmed_by_owner",
  "registration.contacts_capped",
  "registration.contacts_erased",
  "registration.contacts_viewed",
  "registration.created",
  "registration.duplicate_notice_sent",
  "registration.manage_link_requested",
  "registration.manage_link_rotated",
  "registration.manage_link_sent",
  "registration.pin_set_by_owner",
  "registration.reconfirm_reminder_sent",
  "registration.reopened_by_owner",
  "registration.searched",
  "registration.updated_by_owner",
  "registration.updated_by_staff",
  "review.activated",
  "review.merged",
  "review.pin_set",
  "review.queue_viewed",
  "review.rejected",
  "review.verified",
  "user.created",
  "user.disabled",
  "user.enabled",
  "user.mfa_reset",
  "user.password_changed",
  "user.password_reset",
  "user.role_changed",
  "user.signed_out_everywhere",
  "user.unlocked",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Names stored before 2026-11-29 → today's name. Never reuse an old name for something else. */
export const LEGACY_AUDIT_ACTIONS: Readonly<Record<string, AuditAction>> = {
  "api_token.issue": "api_token.issued",
  "api_token.revoke": "api_token.revoked",
  "audit.export": "audit.exported",
  "auth.lockout": "auth.locked_out",
  "auth.sign_in": "auth.signed_in",
  "auth.sign_out": "auth.signed_out",
  "canvass.assign": "canvass.assigned",
  "canvass.export": "canvass.exported",
  "canvass.view": "canvass.viewed",
  "canvass.walk_order": "canvass.walk_order_changed",
  "canvass_entry.attempt": "canvass_entry.attempted",
  "canvass_entry.update": "canvass_entry.updated",
  "demo.seed": "demo.seeded",
  "geocode.search": "geocode.searched",
  "investigation.search": "investigation.searched",
  "reference.import": "reference.imported",
  "registration.search": "registration.searched",
  "review.activate": "review.activated",
  "review.merge_into": "review.merged",
  "review.reject": "review.rejected",
  "review.set_pin": "review.pin_set",
  "review.verify": "review.verified",
  "user.create": "user.created",
  "user.disable": "user.disabled",
  "user.enable": "user.enabled",
  "user.password_change": "user.password_changed",
  "user.role_change": "user.role_changed",
  "user.sign_out_everywhere": "user.signed_out_everywhere",
  "user.unlock": "user.unlocked",
};

/** A stored action under today's name (an unknown name is shown as stored). */
export function currentAuditAction(stored: string): string {
  return LEGACY_AUDIT_ACTIONS[stored] ?? stored;
}

/** Every name an action may be stored under: today's and the ones it replaced. */
export function storedAuditActionNames(action: string): string[] {
  const current = currentAuditAction(action);
  return [current, ...Object.entries(LEGACY_AUDIT_ACTIONS).filter(([, now]) => now === current).map(([old]) => old)];
}
