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
