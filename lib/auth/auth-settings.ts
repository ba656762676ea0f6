import { env } from "@/lib/env.js";

/** Sign-in, session and lockout policy, from configuration (see README "Staff accounts"). */
export interface AuthSettings {
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  lockoutMaxFailures: number;
  lockoutWindowMs: number;
  lockoutDurationMs: number;
  mfaRequired: boolean;
  oidc: { issuer: string; clientId: string; clientSecret: string; displayName: string } | null;
}

const MINUTE_MS = 60_000;

export function authSettings(source = env): AuthSettings {
  return {
    idleTimeoutMs: source.SESSION_IDLE_TIMEOUT_MIN * MINUTE_MS,
    absoluteTimeoutMs: source.SESSION_MAX_AGE_HOURS * 60 * MINUTE_MS,
    lockoutMaxFailures: source.LOCKOUT_MAX_FAILURES,
    lockoutWindowMs: source.LOCKOUT_WINDOW_MIN * MINUTE_MS,
    lockoutDurationMs: source.LOCKOUT_DURATION_MIN * MINUTE_MS,
    // CJIS and ASVS L2 ask for MFA: on by default wherever real data lives (a server database).
    mfaRequired: source.MFA_REQUIRED ?? Boolean(source.DATABASE_URL),
    oidc:
      source.OIDC_ISSUER && source.OIDC_CLIENT_ID && source.OIDC_CLIENT_SECRET
        ? {
            issuer: source.OIDC_ISSUER,
            clientId: source.OIDC_CLIENT_ID,
            clientSecret: source.OIDC_CLIENT_SECRET,
            displayName: source.OIDC_DISPLAY_NAME,
          }
        : null,
  };
}
