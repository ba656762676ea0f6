// Importing the validated configuration here makes bad settings fail
// `next dev`, `next build` and `next start` with one clear line.
import { env } from "./lib/env.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite and its PostGIS extension load WASM and data files (pdfkit its font
  // metrics) from their own package directories at run time; bundling breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-postgis", "pg", "pdfkit"],
  poweredByHeader: false,
  // forbidden()/unauthorized() in staff pages (lib/auth/require-staff-page.ts).
  experimental: { authInterrupts: true },
  env: { SIGHTLINE_AGENCY_NAME: env.AGENCY_NAME },
};

export default nextConfig;
