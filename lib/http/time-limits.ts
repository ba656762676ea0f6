/**
 * The limits on an incident's time, shared by the API's schemas (input-fields.ts) and the map's form
 * (lib/investigation/search-draft.ts). Kept apart from zod: a browser page that loads a zod module builds
 * its schemas, and zod's compiled fast path probes `new Function` as it does, which the
 * Content-Security-Policy refuses and reports (tests/e2e/security.e2e.ts).
 */

/** The latest incident time accepted: a few minutes of clock skew into the future. */
export const MAX_FUTURE_MS = 10 * 60 * 1000;
/** The longest time window one incident may cover. */
export const MAX_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;
