/**
 * Is this error "the database is not reachable right now" (server stopped or
 * restarting, connection dropped, pool timed out, embedded instance died)
 * rather than a bug or bad data? Those become 503 + Retry-After, not 500.
 * drizzle wraps driver errors (DrizzleQueryError), so the cause chain is walked.
 */
import { isFatalEmbeddedError } from "@/db/client";

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);
// SQLSTATE class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections).
const SQLSTATE_UNAVAILABLE = /^(08\d{3}|57P0[123]|53300)$/;
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (starting up|shutting down|in recovery mode)/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || SQLSTATE_UNAVAILABLE.test(code))) return true;
    if (MESSAGES.test(e.message) || isFatalEmbeddedError(e)) return true;
  }
  return false;
}
