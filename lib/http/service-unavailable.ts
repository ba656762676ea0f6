/**
 * The one answer for "the database (or another backing service) is not there
 * right now": 503 in the error contract's shape with Retry-After, so clients
 * and load balancers back off and retry instead of treating it as a bug (a 500).
 */
import { AppError, errorBody } from "./errors";

export const RETRY_AFTER_SECONDS = 5;

export function unavailableError(message: string): AppError {
  return new AppError("unavailable", message, { headers: { "retry-after": String(RETRY_AFTER_SECONDS) } });
}

/** `extra` adds fields beside the error (the health check's `status`). */
export function serviceUnavailable(message: string, extra: Record<string, unknown> = {}): Response {
  const err = unavailableError(message);
  return Response.json({ ...extra, ...errorBody(err) }, { status: err.status, headers: { "cache-control": "no-store", ...err.headers } });
}
