// Importing the validated configuration here makes bad settings fail
// `next dev`, `next build` and `next start` with one clear line.
import createNextIntlPlugin from "next-intl/plugin";
import { env } from "./lib/env.js";
import { AUTH_PAGES_CSP, FIXED_SECURITY_HEADERS } from "./lib/http/fixed-security-headers.js";

// next-intl without locale-prefixed routes: lib/i18n/request.ts picks the language per request.
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite and its PostGIS extension load WASM and data files (pdfkit its font
  // metrics) from their own package directories at run time; bundling breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-postgis", "pg", "pdfkit"],
  poweredByHeader: false,
  // `npm run dev` only: Next.js refuses its dev resources (the HMR socket) to an origin other than localhost, and a
  // page opened as http://127.0.0.1:3000 then never hydrates (its forms post without JavaScript: sign-in fails).
  allowedDevOrigins: ["127.0.0.1"],
  // Read when `next start` starts, so a deployment chooses without rebuilding. Behind nginx, let the proxy gzip
  // (HTTP_COMPRESSION=proxy): compressing a large search answer costs the app's one request thread ~25 ms.
  compress: env.HTTP_COMPRESSION === "app",
  // forbidden()/unauthorized() in staff pages (lib/auth/require-staff-page.ts).
  experimental: { authInterrupts: true },
  env: { SIGHTLINE_AGENCY_NAME: env.AGENCY_NAME },
  async headers() {
    return [
      { source: "/:path*", headers: [...FIXED_SECURITY_HEADERS] },
      // The owner's private link must never leak in a Referer (the page's own metadata says so too).
      { source: "/manage/:path*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
      // next-auth's own pages (sign-out confirmation): no script of ours, and proxy.ts's CSP does not run under /api.
      { source: "/api/auth/:path*", headers: [{ key: "Content-Security-Policy", value: AUTH_PAGES_CSP }] },
    ];
  },
};

export default withNextIntl(nextConfig);
