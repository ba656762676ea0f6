import { errorAnswer } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

/**
 * Any /api path that no route claims (a typo, an old URL, a probe): the API's
 * 404 in its one shape (README "API errors"). Without this, Next.js answered
 * its HTML not-found page there, with scripts and without the pages' CSP
 * (proxy.ts does not run under /api). Every real route is more specific and wins.
 */
function noSuchRoute(): Response {
  return errorAnswer("not_found", "no such API route");
}

export { noSuchRoute as GET, noSuchRoute as POST, noSuchRoute as PUT, noSuchRoute as PATCH, noSuchRoute as DELETE };
