// @ts-check
/**
 * The security headers every answer of the app carries, fixed at build time.
 * Plain JavaScript so next.config.js can import it (its headers() sets them on
 * everything Next.js answers), and the upload PATCHes answered before Next.js
 * (lib/evidence/node-uploads.ts) set the same list. The per-request CSP and
 * HSTS (which depends on the run-time NEXTAUTH_URL) are set in proxy.ts.
 */

/** @type {ReadonlyArray<{ key: string, value: string }>} */
export const FIXED_SECURITY_HEADERS = Object.freeze([
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(self), payment=()" },
]);

/**
 * next-auth's own HTML pages under /api/auth (the sign-out confirmation, verify-request) are rendered by
 * next-auth, not by our layout, so proxy.ts's per-request CSP never reaches them (it does not run under /api).
 * They carry no script, only an inline style and a form that posts back to the app: this policy allows exactly
 * that. The JSON and redirects next-auth answers there are unaffected by it.
 */
export const AUTH_PAGES_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
