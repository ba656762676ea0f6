// @ts-check
/**
 * Typed configuration, validated once at start-up (create-t3-app style).
 * Plain ESM JavaScript so that next.config.js can import it: bad configuration
 * then fails `next dev` / `next build` / `next start` with one line naming the variable.
 */
import { isIP } from "node:net";
import { Cron } from "croner";
import { z } from "zod";
import { databaseEnvFields } from "../db/config.js";

const DEFAULT_TERMS = [
  "The goal of this security camera registration project is to deter crime and promote public safety. Any footage related to criminal activity may be collected by the {agency} for use as evidence.",
  "Information is reserved for official use by the {agency}. If necessary, the {agency} will contact you to request the appropriate video surveillance footage. Under no circumstances shall registrants construe that they are acting as an employee of the {agency} through this security camera registration.",
  "By submitting this form, you are aware of and consent to the release of video imagery to the public/media as necessary for the investigation, or to requestors, as allowed under the State Records Act. By submitting this form you agree to these terms.",
].join("\n\n");

/** The default terms in Spanish; used only while AGENCY_TERMS_TEXT is the default too (never beside other terms). */
const DEFAULT_TERMS_ES = [
  "El objetivo de este proyecto de registro de cámaras de seguridad es prevenir el delito y promover la seguridad pública. Cualquier grabación relacionada con una actividad delictiva puede ser recogida por {agency} para usarla como prueba.",
  "La información se reserva para el uso oficial de {agency}. Si es necesario, {agency} se pondrá en contacto con usted para solicitar las grabaciones de videovigilancia correspondientes. En ningún caso los registrantes deben entender que actúan como empleados de {agency} por este registro de cámaras de seguridad.",
  "Al enviar este formulario, usted conoce y consiente la divulgación de imágenes de video al público o a los medios cuando sea necesario para la investigación, o a solicitantes, según lo permita la Ley de Registros Públicos del Estado (State Records Act). Al enviar este formulario acepta estos términos.",
].join("\n\n");

/** @param {string} pattern */
function isCronPattern(pattern) {
  if (pattern.trim().toLowerCase() === "off") return true;
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

/** @param {string} tz */
function isTimeZone(tz) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A 256-bit key as 64 hex digits or base64 (`openssl rand -hex 32`, `openssl rand -base64 32`).
 * @param {string} v
 */
export function aes256KeyBytes(v) {
  const text = v.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === 32) return bytes;
  }
  return null;
}
const AES_KEY_HINT = "must be 32 random bytes as 64 hex digits or base64 (openssl rand -hex 32)";

const emptyToUndefined = (/** @type {unknown} */ v) => (v === "" ? undefined : v);
const number = (/** @type {number} */ fallback) => z.preprocess(emptyToUndefined, z.coerce.number().default(fallback));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    // DATABASE_URL, DATA_DIR: owned by db/ (db/config.js), which cannot import lib/.
    ...databaseEnvFields,
    /**
     * What the app does when it connects (DATABASE_URL) as a role that could rewrite the
     * audit trail (the owner, a superuser): `warn` once at start, or `refuse` to start.
     */
    DATABASE_ROLE_CHECK: z.preprocess(emptyToUndefined, z.enum(["warn", "refuse"]).default("warn")),
    PORT: number(3000).pipe(z.number().int().min(1).max(65535)),
    NEXTAUTH_SECRET: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .min(32, "must be at least 32 characters")
        // "aaaa…" or a repeated word is not a secret; `openssl rand -hex 32` has all 16 hex digits.
        .refine((v) => new Set(v).size >= 12, "must be random (e.g. openssl rand -hex 32), not a repeated pattern")
        .optional(),
    ),
    /**
     * Encrypts the staff TOTP secrets at rest (AES-256-GCM). Required with DATABASE_URL; the
     * embedded mode generates one in DATA_DIR/totp-key. See lib/auth/totp-key.ts.
     */
    TOTP_ENCRYPTION_KEY: z.preprocess(emptyToUndefined, z.string().refine((v) => aes256KeyBytes(v) !== null, AES_KEY_HINT).optional()),
    /** During a key rotation: the former key(s), comma-separated, still accepted for reading until every secret is re-encrypted at start. */
    TOTP_ENCRYPTION_KEY_PREVIOUS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((v) => v.split(",").every((k) => aes256KeyBytes(k) !== null), `each key ${AES_KEY_HINT}`)
        .optional(),
    ),
    /** The public base URL of the app: every absolute link (e-mails, manage links, sign-in redirects) is built from it. */
    NEXTAUTH_URL: z.preprocess(emptyToUndefined, z.url().optional()),

    AGENCY_NAME: z.preprocess(emptyToUndefined, z.string().default("Westchester Police Department")),
    AGENCY_SHORT_NAME: z.preprocess(emptyToUndefined, z.string().default("WPD")),
    AGENCY_CONTACT_EMAIL: z.preprocess(emptyToUndefined, z.email().default("investigations@westchester-il.gov")),
    AGENCY_TERMS_TEXT: z.preprocess(emptyToUndefined, z.string().default(DEFAULT_TERMS)),
    /** The terms in Spanish; any other language: AGENCY_TERMS_TEXT_<CODE> (e.g. AGENCY_TERMS_TEXT_FR), read by lib/agency/settings.ts. */
    AGENCY_TERMS_TEXT_ES: z.preprocess(emptyToUndefined, z.string().optional()),
    /** Pre-filled (and editable) in the registration form. */
    AGENCY_DEFAULT_CITY: z.preprocess(emptyToUndefined, z.string().max(60).default("Westchester")),
    AGENCY_DEFAULT_STATE: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Z]{2}$/, "must be a two-letter state code").default("IL")),
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
    /**
     * The "Directions" link of each canvass stop: {lat}, {lng} and {address} (URL-encoded) are filled in.
     * e.g. geo:{lat},{lng}?q={lat},{lng} (Android opens the maps app) or https://maps.example.gov/?to={lat},{lng}.
     */
    DIRECTIONS_URL_TEMPLATE: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^(https?:\/\/|geo:)/, "must start with https://, http:// or geo:")
        .refine((v) => (v.includes("{lat}") && v.includes("{lng}")) || v.includes("{address}"), "must contain {lat} and {lng}, or {address}")
        .default("https://www.openstreetmap.org/?mlat={lat}&mlon={lng}#map=19/{lat}/{lng}"),
    ),
    DEFAULT_SEARCH_RADIUS_M: number(250).pipe(z.number().positive()),
    MAX_SEARCH_RADIUS_M: number(2000).pipe(z.number().positive()),

    // Staff sessions and sign-in (issue 3). Minutes unless the name says otherwise.
    SESSION_IDLE_TIMEOUT_MIN: number(30).pipe(z.number().int().min(1).max(24 * 60)),
    SESSION_MAX_AGE_HOURS: number(12).pipe(z.number().positive().max(24 * 7)),
    LOCKOUT_MAX_FAILURES: number(5).pipe(z.number().int().min(1).max(100)),
    LOCKOUT_WINDOW_MIN: number(15).pipe(z.number().int().min(1)),
    LOCKOUT_DURATION_MIN: number(15).pipe(z.number().int().min(1)),
    /** Refused sign-ins from one client address per hour before that address is refused outright (0: off). */
    SIGN_IN_FAILURES_PER_IP_PER_HOUR: number(30).pipe(z.number().int().min(0)),
    /** Unset: required on a server deployment (DATABASE_URL), optional on the embedded demo. */
    MFA_REQUIRED: z.preprocess(emptyToUndefined, z.enum(["true", "false", "1", "0"]).optional()).transform((v) =>
      v === undefined ? undefined : v === "true" || v === "1",
    ),
    OIDC_ISSUER: z.preprocess(emptyToUndefined, z.url().optional()),
    OIDC_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().optional()),
    OIDC_CLIENT_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
    OIDC_DISPLAY_NAME: z.preprocess(emptyToUndefined, z.string().default("Agency single sign-on")),
    GEOCODER_PROVIDERS: z
      .preprocess(emptyToUndefined, z.string().default("local"))
      .transform((v) => v.split(",").map((p) => p.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.enum(["local", "census", "nominatim"], "must list only local, census, nominatim")).min(1)),
    GEOCODER_TIMEOUT_MS: number(4000).pipe(z.number().int().min(100).max(60000)),
    GEOCODER_RETRIES: number(2).pipe(z.number().int().min(0).max(5)),
    GEOCODER_BACKOFF_MS: number(300).pipe(z.number().int().min(0).max(10000)),
    CENSUS_GEOCODER_URL: z.preprocess(emptyToUndefined, z.url().default("https://geocoding.geo.census.gov")),
    CENSUS_GEOCODER_BENCHMARK: z.preprocess(emptyToUndefined, z.string().default("Public_AR_Current")),
    NOMINATIM_URL: z.preprocess(emptyToUndefined, z.url().default("https://nominatim.openstreetmap.org")),
    NOMINATIM_USER_AGENT: z.preprocess(emptyToUndefined, z.string().optional()),
    NOMINATIM_COUNTRY_CODES: z.preprocess(emptyToUndefined, z.string().default("us")),
    /** Reverse proxies in front of the app that append to X-Forwarded-For (0: forwarding headers are ignored). */
    TRUSTED_PROXY_HOPS: number(0).pipe(z.number().int().min(0).max(10)),
    /** Or: the networks of those proxies (comma-separated addresses / CIDR ranges). */
    TRUSTED_PROXY_NETWORKS: z.preprocess(emptyToUndefined, z.string().default("")),
    /**
     * Who gzips the answers: "app" (Next.js, on the one Node.js thread that also serves requests) or
     * "proxy" (the reverse proxy does, e.g. nginx's gzip; the app sends them uncompressed). README "Deploying".
     */
    HTTP_COMPRESSION: z.preprocess(emptyToUndefined, z.enum(["app", "proxy"]).default("app")),
    RATE_LIMIT_REGISTRATIONS_PER_HOUR: number(5).pipe(z.number().int().min(0)),
    RATE_LIMIT_TRUSTED_NETWORKS: z.preprocess(emptyToUndefined, z.string().default("")),
    RATE_LIMIT_STORE: z.preprocess(emptyToUndefined, z.enum(["memory", "postgres", "redis"]).default("memory")),
    REDIS_URL: z.preprocess(emptyToUndefined, z.string().regex(/^rediss?:\/\//, "must be a redis:// URL").optional()),
    /** "E-mail me my link" requests per client address per hour (the lost-link page). */
    LOST_LINK_REQUESTS_PER_HOUR: number(5).pipe(z.number().int().min(0)),
    /** Address checks of the public form per client address per hour (debounced while typing). */
    ADDRESS_CHECKS_PER_HOUR: number(120).pipe(z.number().int().min(0)),
    REGISTRATION_MIN_FILL_SECONDS: number(4).pipe(z.number().min(0)),
    REGISTRATION_MAX_BODY_BYTES: number(65536).pipe(z.number().int().min(1024)),
    REGISTRATION_GEOCODE_TIMEOUT_MS: number(4000).pipe(z.number().int().min(100)),
    SMTP_URL: z.preprocess(emptyToUndefined, z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional()),
    SMTP_FROM: z.preprocess(emptyToUndefined, z.string().optional()),
    CONTACT_RETENTION_DAYS_AFTER_WITHDRAWAL: number(90).pipe(z.number().int().min(0)),
    RECONFIRM_AFTER_MONTHS: number(12).pipe(z.number().int().min(1)),
    /**
     * When the app runs the daily maintenance (contact erasure, re-confirmation reminders, evidence purge):
     * a cron pattern in AGENCY_TIME_ZONE (5 fields, or 6 with seconds first), or "off" (run
     * `npm run registrations:maintenance` from an external timer instead). One instance runs it (advisory lock).
     */
    MAINTENANCE_SCHEDULE: z.preprocess(
      emptyToUndefined,
      z.string().default("17 3 * * *").refine(isCronPattern, 'must be a cron pattern such as "17 3 * * *", or "off"'),
    ),
    /** Contact details in one search answer (the best-ranked sites), and per user in any 24 hours. */
    CONTACT_READS_PER_REQUEST: number(50).pipe(z.number().int().min(1)),
    CONTACT_READS_PER_USER_PER_DAY: number(500).pipe(z.number().int().min(1)),
    /** Lowest staff role allowed to export canvass lists (CSV, PDF, GeoJSON) and to read them as JSON with contacts. */
    CANVASS_EXPORT_MIN_ROLE: z.preprocess(emptyToUndefined, z.enum(["detective", "supervisor", "admin"]).default("supervisor")),
    /** Cell size of the dashboard's coverage grid (hexagon side), metres. */
    COVERAGE_CELL_M: number(200).pipe(z.number().min(25).max(5000)),

    // Footage requests and evidence (issue 17).
    /** Where evidence files are kept, named by id. Default: DATA_DIR/evidence. */
    EVIDENCE_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
    EVIDENCE_MAX_FILE_BYTES: number(4 * 1024 ** 3).pipe(z.number().int().min(1)),
    /** All files of one footage request together. */
    EVIDENCE_MAX_REQUEST_BYTES: number(20 * 1024 ** 3).pipe(z.number().int().min(1)),
    /** Days after an incident is closed before its evidence is purged (unless on legal hold). Unset: never purged. */
    EVIDENCE_RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).optional()),
    /** clamd for virus scanning each received file (INSTREAM over TCP). Unset: files are not scanned. */
    CLAMAV_HOST: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    CLAMAV_PORT: number(3310).pipe(z.number().int().min(1).max(65535)),
    /** Give up on clamd after this long with no byte either way (its own ReadTimeout is 120 s). */
    CLAMAV_TIMEOUT_MS: number(60_000).pipe(z.number().int().min(100)),
    FOOTAGE_REQUEST_EXPIRY_DAYS: number(7).pipe(z.number().min(0.001).max(365)),
    /** A Twilio-compatible Messages API: base URL, account SID, auth token, sender number. */
    SMS_API_URL: z.preprocess(emptyToUndefined, z.url().optional()),
    SMS_ACCOUNT_SID: z.preprocess(emptyToUndefined, z.string().optional()),
    SMS_AUTH_TOKEN: z.preprocess(emptyToUndefined, z.string().optional()),
    SMS_FROM: z.preprocess(emptyToUndefined, z.string().optional()),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "is required when DATABASE_URL is set (the embedded mode generates one under DATA_DIR)",
      });
    }
    if (env.DATABASE_URL && !env.TOTP_ENCRYPTION_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["TOTP_ENCRYPTION_KEY"],
        message: "is required when DATABASE_URL is set (openssl rand -hex 32; it encrypts staff second-factor secrets, keep it apart from the database backups)",
      });
    }
    if (env.DATABASE_URL && !env.NEXTAUTH_URL) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_URL"], message: "is required when DATABASE_URL is set (the public https:// address of the app)" });
    }
    if (env.NEXTAUTH_URL) {
      const url = new URL(env.NEXTAUTH_URL);
      const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
      if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback) && env.DATABASE_URL) {
        ctx.addIssue({ code: "custom", path: ["NEXTAUTH_URL"], message: "must be an https:// URL when DATABASE_URL is set (http only on a loopback host, for testing)" });
      }
      if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
        ctx.addIssue({ code: "custom", path: ["NEXTAUTH_URL"], message: "must be an origin only, such as https://cameras.example.gov" });
      }
    }
    if (env.TRUSTED_PROXY_HOPS > 0 && env.TRUSTED_PROXY_NETWORKS) {
      ctx.addIssue({ code: "custom", path: ["TRUSTED_PROXY_HOPS"], message: "and TRUSTED_PROXY_NETWORKS are alternatives: set one" });
    }
    for (const raw of env.TRUSTED_PROXY_NETWORKS.split(",").map((s) => s.trim()).filter(Boolean)) {
      const [address, prefix] = raw.split("/");
      const family = isIP(address);
      if (!family || (prefix !== undefined && (!/^\d+$/.test(prefix) || Number(prefix) > (family === 6 ? 128 : 32)))) {
        ctx.addIssue({ code: "custom", path: ["TRUSTED_PROXY_NETWORKS"], message: `"${raw}" is not an IP address or CIDR range` });
      }
    }
    if (env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["OIDC_CLIENT_ID"], message: "and OIDC_CLIENT_SECRET are required when OIDC_ISSUER is set" });
    }
    if (env.RATE_LIMIT_STORE === "redis" && !env.REDIS_URL) {
      ctx.addIssue({ code: "custom", path: ["REDIS_URL"], message: "is required when RATE_LIMIT_STORE=redis" });
    }
    if (env.RATE_LIMIT_STORE === "postgres" && !env.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["RATE_LIMIT_STORE"], message: "postgres needs DATABASE_URL (use memory in embedded mode)" });
    }
    if (env.SMTP_URL && !env.SMTP_FROM) {
      ctx.addIssue({ code: "custom", path: ["SMTP_FROM"], message: "is required when SMTP_URL is set" });
    }
    if (env.SMS_API_URL && (!env.SMS_ACCOUNT_SID || !env.SMS_AUTH_TOKEN || !env.SMS_FROM)) {
      ctx.addIssue({ code: "custom", path: ["SMS_ACCOUNT_SID"], message: "SMS_AUTH_TOKEN and SMS_FROM are required when SMS_API_URL is set" });
    }
    if (env.EVIDENCE_MAX_FILE_BYTES > env.EVIDENCE_MAX_REQUEST_BYTES) {
      ctx.addIssue({ code: "custom", path: ["EVIDENCE_MAX_FILE_BYTES"], message: "must not exceed EVIDENCE_MAX_REQUEST_BYTES" });
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

export { DEFAULT_TERMS, DEFAULT_TERMS_ES };

/** @type {Env} */
export const env = parseEnv(process.env);
