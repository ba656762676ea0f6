// @ts-check
/**
 * Typed configuration, validated once at start-up (create-t3-app style).
 * Plain ESM JavaScript so that next.config.js can import it: bad configuration
 * then fails `next dev` / `next build` / `next start` with one line naming the variable.
 */
import { z } from "zod";

const DEFAULT_TERMS = [
  "The goal of this security camera registration project is to deter crime and promote public safety. Any footage related to criminal activity may be collected by the {agency} for use as evidence.",
  "Information is reserved for official use by the {agency}. If necessary, the {agency} will contact you to request the appropriate video surveillance footage. Under no circumstances shall registrants construe that they are acting as an employee of the {agency} through this security camera registration.",
  "By submitting this form, you are aware of and consent to the release of video imagery to the public/media as necessary for the investigation, or to requestors, as allowed under the State Records Act. By submitting this form you agree to these terms.",
].join("\n\n");

/** @param {string} tz */
function isTimeZone(tz) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const emptyToUndefined = (/** @type {unknown} */ v) => (v === "" ? undefined : v);
const number = (/** @type {number} */ fallback) => z.preprocess(emptyToUndefined, z.coerce.number().default(fallback));
const flag = (/** @type {boolean} */ fallback) =>
  z.preprocess(emptyToUndefined, z.enum(["true", "false", "1", "0"]).default(fallback ? "true" : "false")).transform((v) => v === "true" || v === "1");

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\/[^\s]+$/, "must be a postgres:// or postgresql:// URL")
        .refine((v) => {
          try {
            new URL(v);
            return true;
          } catch {
            return false;
          }
        }, "is not a valid URL")
        .optional(),
    ),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),
    PORT: number(3000).pipe(z.number().int().min(1).max(65535)),
    NEXTAUTH_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "must be at least 32 characters").optional()),
    NEXTAUTH_URL: z.preprocess(emptyToUndefined, z.url().optional()),

    AGENCY_NAME: z.preprocess(emptyToUndefined, z.string().default("Westchester Police Department")),
    AGENCY_SHORT_NAME: z.preprocess(emptyToUndefined, z.string().default("WPD")),
    AGENCY_CONTACT_EMAIL: z.preprocess(emptyToUndefined, z.email().default("investigations@westchester-il.gov")),
    AGENCY_TERMS_TEXT: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_TERMS)),
    AGENCY_TERMS_VERSION: z.preprocess(emptyToUndefined, z.string().default("2026-01")),
    AGENCY_TIME_ZONE: z.preprocess(
      emptyToUndefined,
      z.string().default("America/Chicago").refine(isTimeZone, "is not a known IANA time zone"),
    ),
    MAP_CENTER_LAT: number(41.85).pipe(z.number().min(-90).max(90)),
    MAP_CENTER_LNG: number(-87.88).pipe(z.number().min(-180).max(180)),
    MAP_ZOOM: number(15).pipe(z.number().int().min(1).max(20)),
    MAP_TILE_URL: z.preprocess(emptyToUndefined, z.string().default("https://tile.openstreetmap.org/{z}/{x}/{y}.png")),
    MAP_TILE_ATTRIBUTION: z.preprocess(emptyToUndefined, z.string().default("&copy; OpenStreetMap contributors")),
    DEFAULT_SEARCH_RADIUS_M: number(250).pipe(z.number().positive()),
    MAX_SEARCH_RADIUS_M: number(2000).pipe(z.number().positive()),
    DEMO_MODE: flag(false),
    /** Lowest staff role allowed to export canvass lists (CSV, PDF, GeoJSON). */
    CANVASS_EXPORT_MIN_ROLE: z.preprocess(emptyToUndefined, z.enum(["detective", "supervisor", "admin"]).default("supervisor")),
    /** An active registration not confirmed for this many days counts as stale on the dashboard. */
    REGISTRATION_STALE_AFTER_DAYS: number(365).pipe(z.number().int().positive()),
    /** Cell size of the dashboard's coverage grid (hexagon side), metres. */
    COVERAGE_CELL_M: number(200).pipe(z.number().min(25).max(5000)),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "is required when DATABASE_URL is set (the embedded mode generates one under DATA_DIR)",
      });
    }
    if (env.DEFAULT_SEARCH_RADIUS_M > env.MAX_SEARCH_RADIUS_M) {
      ctx.addIssue({ code: "custom", path: ["DEFAULT_SEARCH_RADIUS_M"], message: "must not exceed MAX_SEARCH_RADIUS_M" });
    }
  });

/** @typedef {z.infer<typeof envSchema>} Env */

/**
 * @param {Record<string, string | undefined>} source
 * @returns {Env}
 */
export function parseEnv(source) {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join(".") || "(root)"} ${i.message}`);
    throw new Error(`Invalid configuration: ${lines.join("; ")}`);
  }
  return result.data;
}

/** @type {Env} */
export const env = parseEnv(process.env);
