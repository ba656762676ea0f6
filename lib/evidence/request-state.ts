/**
 * A footage request's state as people see it: the stored state, except that a
 * link past its expiry reads "expired" unless the request had already ended.
 */
import type { FOOTAGE_REQUEST_STATES } from "@/db/schema/enum-values";
import { formatClockOffset, recorderTimeFor } from "@/lib/canvass/clock-offset";

export type FootageRequestState = (typeof FOOTAGE_REQUEST_STATES)[number];

const ENDED: readonly FootageRequestState[] = ["received", "declined", "revoked", "expired"];

export function effectiveState(request: { state: FootageRequestState; expiresAt: Date }, now = new Date()): FootageRequestState {
  if (ENDED.includes(request.state)) return request.state;
  return request.expiresAt.getTime() <= now.getTime() ? "expired" : request.state;
}

/** Whether the owner's link still accepts files or a decline. "received" stays open: owners may add files. */
export function acceptsUploads(request: { state: FootageRequestState; expiresAt: Date; revokedAt: Date | null }, now = new Date()): boolean {
  if (request.revokedAt) return false;
  const state = effectiveState(request, now);
  return state === "sent" || state === "opened" || state === "uploading" || state === "received";
}

/** The window as the recorder shows it, when an offset was recorded. */
export function recorderWindow(windowFrom: Date, windowTo: Date, clockOffsetS: number | null): { from: Date; to: Date; offsetLabel: string } | null {
  if (clockOffsetS === null || clockOffsetS === 0) return null;
  return { from: recorderTimeFor(windowFrom, clockOffsetS), to: recorderTimeFor(windowTo, clockOffsetS), offsetLabel: formatClockOffset(clockOffsetS) };
}

export const STATE_LABELS: Record<FootageRequestState, string> = {
  sent: "Sent",
  opened: "Opened",
  uploading: "Uploading",
  received: "Received",
  declined: "Declined",
  expired: "Expired",
  revoked: "Revoked",
};
