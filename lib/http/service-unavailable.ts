/**
 * The one answer for "the database (or another backing service) is not there
 * right now": 503 with a JSON error body and Retry-After, so clients and load
 * balancers back off and retry instead of treating it as a bug (a 500).
 */
export const RETRY_AFTER_SECONDS = 5;

export function serviceUnavailable(error: string, extra: Record<string, unknown> = {}): Response {
  return Response.json(
    { ...extra, error },
    { status: 503, headers: { "retry-after": String(RETRY_AFTER_SECONDS), "cache-control": "no-store" } },
  );
}
