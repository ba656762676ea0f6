/**
 * The deployment's configuration as an admin reads it on Admin → Settings, without shell access:
 * what each setting is in effect (the default when the variable is unset), grouped as the README's
 * "Configuration" table is. Read-only, and never a secret: the session and TOTP keys, the OIDC client
 * secret and the SMS token are only "set" or not, and URLs that may carry a password (database, SMTP,
 * Redis) are shown as their host. Pure: the page passes the parsed configuration and the raw variables.
 */
import type { Env } from "@/lib/env.js";

export interface SettingRow {
  /** The environment variable(s) that set it. */
  variable: string;
  label: string;
  value: string;
  /** The variable is unset: the value is the default. */
  isDefault: boolean;
}

export interface SettingGroup {
  title: string;
  rows: SettingRow[];
}

type Raw = Record<string, string | undefined>;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
const perHour = (n: number, what: string) => (n === 0 ? "no limit" : `${n} ${what} per hour`);

/** host[:port][/database] of a URL, without its user name, password or query (which may hold secrets). */
export function urlHost(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    const path = u.pathname && u.pathname !== "/" ? u.pathname : "";
    return `${u.protocol}//${u.host}${path}`;
  } catch {
    return "(set)";
  }
}

function bytes(n: number): string {
  const gib = n / 1024 ** 3;
  if (gib >= 1) return `${Number(gib.toFixed(2))} GiB`;
  const mib = n / 1024 ** 2;
  return mib >= 1 ? `${Number(mib.toFixed(2))} MiB` : `${n} bytes`;
}

export function effectiveSettings(env: Env, raw: Raw, publicBaseUrl: string): SettingGroup[] {
  const isSet = (...names: string[]) => names.some((n) => raw[n] !== undefined && raw[n] !== "");
  const row = (variable: string, label: string, value: string, names: string[] = variable.split(", ")): SettingRow => ({
    variable,
    label,
    value,
    isDefault: !isSet(...names),
  });
  const server = Boolean(env.DATABASE_URL);
  const otherTerms = Object.keys(raw)
    .filter((k) => /^AGENCY_TERMS_TEXT_[A-Z_]+$/.test(k) && raw[k]?.trim())
    .map((k) => k.slice("AGENCY_TERMS_TEXT_".length))
    .sort();

  return [
    {
      title: "Agency",
      rows: [
        row("AGENCY_NAME", "Agency name", env.AGENCY_NAME),
        row("AGENCY_SHORT_NAME", "Short name", env.AGENCY_SHORT_NAME),
        row("AGENCY_CONTACT_EMAIL", "Contact e-mail for residents", env.AGENCY_CONTACT_EMAIL),
        row("AGENCY_TIME_ZONE", "Time zone (times are shown and entered in it)", env.AGENCY_TIME_ZONE),
        // Not judged by the raw variable: the server sets NEXTAUTH_URL to this fallback at start for next-auth.
        { ...row("NEXTAUTH_URL", "Public address (every link in e-mails and manage links)", publicBaseUrl), isDefault: publicBaseUrl === `http://localhost:${env.PORT}` },
        row("AGENCY_TERMS_VERSION", "Terms version (stored with each consent)", env.AGENCY_TERMS_VERSION),
        row("AGENCY_TERMS_TEXT", "Terms text", isSet("AGENCY_TERMS_TEXT") ? "the agency's own" : "the reference form's terms"),
        row("AGENCY_TERMS_TEXT_<CODE>", "Terms in other languages", otherTerms.length ? otherTerms.join(", ") : "none set", otherTerms.map((c) => `AGENCY_TERMS_TEXT_${c}`)),
        row("AGENCY_DEFAULT_CITY, AGENCY_DEFAULT_STATE", "Pre-filled city and state", `${env.AGENCY_DEFAULT_CITY}, ${env.AGENCY_DEFAULT_STATE}`),
      ],
    },
    {
      title: "Map and search",
      rows: [
        row("MAP_CENTER_LAT, MAP_CENTER_LNG, MAP_ZOOM", "Initial map view", `${env.MAP_CENTER_LAT}, ${env.MAP_CENTER_LNG} at zoom ${env.MAP_ZOOM}`),
        row("MAP_TILE_URL", "Map tiles", env.MAP_TILE_URL),
        row("DIRECTIONS_URL_TEMPLATE", "Directions link of a canvass stop", env.DIRECTIONS_URL_TEMPLATE),
        row("DEFAULT_SEARCH_RADIUS_M", "Default search radius", `${env.DEFAULT_SEARCH_RADIUS_M} m`),
        row("MAX_SEARCH_RADIUS_M", "Largest search radius", `${env.MAX_SEARCH_RADIUS_M} m`),
        row("GEOCODER_PROVIDERS", "Address lookup (remote providers receive residents' addresses)", env.GEOCODER_PROVIDERS.join(", ")),
        row("CONTACT_READS_PER_REQUEST", "Contacts in one search answer, at most", String(env.CONTACT_READS_PER_REQUEST)),
        row("CONTACT_READS_PER_USER_PER_DAY", "Contact reads per user in 24 hours, at most", String(env.CONTACT_READS_PER_USER_PER_DAY)),
        row("CANVASS_EXPORT_MIN_ROLE", "Lowest role that exports canvass lists", env.CANVASS_EXPORT_MIN_ROLE),
        row("COVERAGE_CELL_M", "Dashboard coverage cell", `${env.COVERAGE_CELL_M} m`),
      ],
    },
    {
      title: "Retention and maintenance",
      rows: [
        row("CONTACT_RETENTION_DAYS_AFTER_WITHDRAWAL", "Contact details erased after a withdrawal, move or rejection", `after ${plural(env.CONTACT_RETENTION_DAYS_AFTER_WITHDRAWAL, "day")}`),
        row("EVIDENCE_RETENTION_DAYS", "Evidence files deleted after the incident is closed", env.EVIDENCE_RETENTION_DAYS ? `after ${plural(env.EVIDENCE_RETENTION_DAYS, "day")}, unless on legal hold` : "never (kept until deleted by hand)"),
        row("RECONFIRM_AFTER_MONTHS", "A registration is stale when not confirmed for", plural(env.RECONFIRM_AFTER_MONTHS, "month")),
        row("FOOTAGE_REQUEST_EXPIRY_DAYS", "A footage request's upload link works for", plural(env.FOOTAGE_REQUEST_EXPIRY_DAYS, "day")),
        row("MAINTENANCE_SCHEDULE", "Daily maintenance", env.MAINTENANCE_SCHEDULE.trim().toLowerCase() === "off" ? "off in the app (an external timer runs npm run registrations:maintenance)" : `cron "${env.MAINTENANCE_SCHEDULE}" in ${env.AGENCY_TIME_ZONE}`),
      ],
    },
    {
      title: "Sign-in and sessions",
      rows: [
        row("MFA_REQUIRED", "Second factor (TOTP) required", (env.MFA_REQUIRED ?? server) ? "yes" : "no (optional)"),
        row("SESSION_IDLE_TIMEOUT_MIN", "Session ends after inactivity", plural(env.SESSION_IDLE_TIMEOUT_MIN, "minute")),
        row("SESSION_MAX_AGE_HOURS", "Session ends after sign-in, at the latest", plural(env.SESSION_MAX_AGE_HOURS, "hour")),
        row("LOCKOUT_MAX_FAILURES, LOCKOUT_WINDOW_MIN, LOCKOUT_DURATION_MIN", "Account lockout", `${env.LOCKOUT_MAX_FAILURES} failures in ${plural(env.LOCKOUT_WINDOW_MIN, "minute")} lock it for ${plural(env.LOCKOUT_DURATION_MIN, "minute")}`),
        row("SIGN_IN_FAILURES_PER_IP_PER_HOUR", "Refused sign-ins from one address", perHour(env.SIGN_IN_FAILURES_PER_IP_PER_HOUR, "refusals")),
        row("OIDC_ISSUER", "Single sign-on (OpenID Connect)", env.OIDC_ISSUER ? `on: ${env.OIDC_ISSUER} ("${env.OIDC_DISPLAY_NAME}")` : "off"),
        row("NEXTAUTH_SECRET", "Session signing secret", isSet("NEXTAUTH_SECRET") ? "set (not shown)" : `generated, kept in ${env.DATA_DIR}/auth-secret`),
        row("TOTP_ENCRYPTION_KEY", "Second-factor encryption key", isSet("TOTP_ENCRYPTION_KEY") ? `set (not shown)${isSet("TOTP_ENCRYPTION_KEY_PREVIOUS") ? "; a previous key is still read (rotation)" : ""}` : `generated, kept in ${env.DATA_DIR}/totp-key`),
      ],
    },
    {
      title: "Network and limits",
      rows: [
        row(
          "TRUSTED_PROXY_HOPS, TRUSTED_PROXY_NETWORKS",
          "Trusted reverse proxy",
          env.TRUSTED_PROXY_NETWORKS
            ? `proxies at ${env.TRUSTED_PROXY_NETWORKS}: the client is the rightmost X-Forwarded-For address outside them`
            : env.TRUSTED_PROXY_HOPS > 0
              ? `${plural(env.TRUSTED_PROXY_HOPS, "proxy")} in front: the client address is taken from X-Forwarded-For`
              : "none: X-Forwarded-For is ignored, the client is the connection's address",
        ),
        row("HTTP_COMPRESSION", "Who compresses answers", env.HTTP_COMPRESSION === "proxy" ? "the reverse proxy" : "the app"),
        row("RATE_LIMIT_STORE, REDIS_URL", "Rate-limit counters kept in", env.RATE_LIMIT_STORE === "redis" ? `Redis at ${urlHost(env.REDIS_URL)}` : env.RATE_LIMIT_STORE === "postgres" ? "the PostgreSQL database (shared by instances)" : "memory (one instance)"),
        row("RATE_LIMIT_REGISTRATIONS_PER_HOUR", "Registrations from one address", perHour(env.RATE_LIMIT_REGISTRATIONS_PER_HOUR, "registrations")),
        row("LOST_LINK_REQUESTS_PER_HOUR", "\"E-mail me my link\" requests from one address", perHour(env.LOST_LINK_REQUESTS_PER_HOUR, "requests")),
        row("ADDRESS_CHECKS_PER_HOUR", "Address checks of the public form from one address", perHour(env.ADDRESS_CHECKS_PER_HOUR, "checks")),
        row("RATE_LIMIT_TRUSTED_NETWORKS", "Never rate-limited", env.RATE_LIMIT_TRUSTED_NETWORKS || "none"),
      ],
    },
    {
      title: "Evidence, mail and text messages",
      rows: [
        row("EVIDENCE_MAX_FILE_BYTES", "Largest evidence file", bytes(env.EVIDENCE_MAX_FILE_BYTES)),
        row("EVIDENCE_MAX_REQUEST_BYTES", "All files of one footage request", bytes(env.EVIDENCE_MAX_REQUEST_BYTES)),
        row("CLAMAV_HOST, CLAMAV_PORT", "Virus scanning of received files", env.CLAMAV_HOST ? `clamd at ${env.CLAMAV_HOST}:${env.CLAMAV_PORT}` : "off: files are received unscanned"),
        row("SMTP_URL, SMTP_FROM", "E-mail", env.SMTP_URL ? `through ${urlHost(env.SMTP_URL)}, from ${env.SMTP_FROM}` : "off: links are shown on screen only"),
        row("SMS_API_URL", "Text messages (footage requests)", env.SMS_API_URL ? `through ${urlHost(env.SMS_API_URL)}, from ${env.SMS_FROM}` : "off"),
      ],
    },
    {
      title: "Database",
      rows: [
        row("DATABASE_URL", "Database", server ? `PostgreSQL server at ${urlHost(env.DATABASE_URL)}` : `embedded (PGlite) in ${env.DATA_DIR}`, ["DATABASE_URL", "DATA_DIR"]),
        ...(server ? [row("DATABASE_ROLE_CHECK", "If the app's role could rewrite the audit trail", env.DATABASE_ROLE_CHECK === "refuse" ? "refuse to start" : "warn at start")] : []),
      ],
    },
  ];
}
