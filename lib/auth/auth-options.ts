import "server-only";
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { clientAddress } from "@/lib/http/client-address";
import { publicBaseUrl, servedOverHttps } from "@/lib/http/public-url";
import { safeCallbackPath } from "./safe-callback";
import { authSecret } from "./auth-secret";
import { authSettings } from "./auth-settings";
import type { StaffPrincipal } from "./principal";
import { principalForSessionClaims, sessionEndReason, type SessionClaims } from "./session-claims";
import { GENERIC_SIGN_IN_ERROR, type RequestMeta } from "./sign-in";
import { signInWithCredentials } from "./credentials-sign-in";
import { signInThrottle } from "./sign-in-throttle";

/** Codes the sign-in form understands (next-auth passes a thrown message through as `error`). */
export const SIGN_IN_ERRORS = {
  invalid: "invalid",
  mfaRequired: "mfa_required",
  mfaInvalid: "mfa_invalid",
  mfaEnrolmentRequired: "mfa_enrolment_required",
} as const;

function metaFromHeaders(headers: Record<string, string | string[] | undefined> | undefined): RequestMeta {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;
  return { ip: headers ? clientAddress(headers) : null, userAgent: first(headers?.["user-agent"]) };
}

declare module "next-auth" {
  interface Session {
    principal?: StaffPrincipal;
  }
  interface User {
    sessionVersion?: number;
  }
}

let cached: AuthOptions | null = null;

/**
 * next-auth configuration: e-mail + password (+ TOTP) credentials, an optional
 * OpenID Connect provider from configuration, JWT sessions that expire after
 * the idle timeout (each refresh moves the expiry) and carry the user's
 * session version for revocation. Built lazily so `next build` needs no secret.
 */
export function authOptions(): AuthOptions {
  if (cached) return cached;
  const settings = authSettings();
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
        otp: { label: "Authenticator or recovery code", type: "text" },
      },
      async authorize(credentials, req) {
        // Never throws anything but the codes below: every other failure is the generic refusal (credentials-sign-in.ts).
        const db = await getDb().catch(() => null);
        if (!db) throw new Error(SIGN_IN_ERRORS.invalid);
        const result = await signInWithCredentials(db, credentials ?? {}, metaFromHeaders(req?.headers), settings, signInThrottle());
        switch (result.kind) {
          case "ok":
            return { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion };
          case "mfa_required":
            throw new Error(SIGN_IN_ERRORS.mfaRequired);
          case "mfa_invalid":
            throw new Error(SIGN_IN_ERRORS.mfaInvalid);
          case "mfa_enrolment_required":
            throw new Error(SIGN_IN_ERRORS.mfaEnrolmentRequired);
          default:
            throw new Error(SIGN_IN_ERRORS.invalid);
        }
      },
    }),
  ];
  if (settings.oidc) {
    providers.push({
      id: "oidc",
      name: settings.oidc.displayName,
      type: "oauth",
      wellKnown: `${settings.oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: settings.oidc.clientId,
      clientSecret: settings.oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (profile: { sub: string; email?: string; preferred_username?: string; name?: string }) => ({
        id: profile.sub,
        email: profile.email ?? profile.preferred_username ?? null,
        name: profile.name ?? null,
      }),
    });
  }

  cached = {
    secret: authSecret(),
    // Secure cookies (and next-auth's __Secure- names) whenever the public base URL is https.
    useSecureCookies: servedOverHttps(),
    providers,
    session: { strategy: "jwt", maxAge: Math.ceil(settings.idleTimeoutMs / 1000), updateAge: 0 },
    jwt: { maxAge: Math.ceil(settings.idleTimeoutMs / 1000) },
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      /** After sign-in or sign-out: only a path on this site, under the configured base URL. */
      redirect({ url }) {
        const base = publicBaseUrl();
        let path = url;
        if (!url.startsWith("/")) {
          try {
            const parsed = new URL(url);
            if (parsed.origin !== new URL(base).origin) return base;
            path = parsed.pathname + parsed.search + parsed.hash;
          } catch {
            return base;
          }
        }
        return base + safeCallbackPath(path);
      },
      /** OIDC: only an existing, enabled staff account may sign in; no accounts are created from the IdP. */
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        const db = await getDb();
        const email = (user.email ?? "").toLowerCase();
        const [staff] = email ? await db.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1) : [];
        const ok = Boolean(staff && !staff.disabledAt);
        await recordAudit(db, { userId: staff?.id ?? null, label: staff?.email ?? `sign-in:${email}` }, {
          action: ok ? "auth.signed_in" : "auth.sign_in_failed",
          targetType: "user",
          targetId: staff?.id ?? null,
          details: ok ? { method: "oidc" } : { method: "oidc", reason: staff ? "disabled" : "unknown_account" },
        });
        return ok ? true : "/signin?error=invalid";
      },
      async jwt({ token, user, account }) {
        const claims = token as typeof token & SessionClaims;
        const nowMs = Date.now();
        if (user) {
          let userId = user.id;
          let sessionVersion = user.sessionVersion;
          if (account?.provider === "oidc") {
            const db = await getDb();
            const [staff] = await db.select().from(users).where(sql`lower(${users.email}) = ${(user.email ?? "").toLowerCase()}`);
            userId = staff.id;
            sessionVersion = staff.sessionVersion;
            claims.viaOidc = true;
          }
          claims.sub = userId;
          claims.sid = crypto.randomUUID();
          claims.sessionVersion = sessionVersion;
          claims.authTimeMs = nowMs;
          claims.lastSeenMs = nowMs;
          return claims;
        }
        // Check the limits before refreshing: an idle session must not be revived by this very request.
        const ended = sessionEndReason(claims, nowMs, settings);
        if (ended) claims.ended = ended;
        else claims.lastSeenMs = nowMs;
        return claims;
      },
      async session({ session, token }) {
        const db = await getDb();
        const principal = await principalForSessionClaims(db, token as SessionClaims, settings);
        return { expires: session.expires, ...(principal ? { principal, user: { name: principal.name, email: principal.email } } : {}) };
      },
    },
    logger: {
      // The default logger prints stack traces for expected sign-in refusals.
      error(code, metadata) {
        if (code === "CREDENTIALS_SIGNIN_ERROR" || code === "JWT_SESSION_ERROR") return;
        console.error(`[auth] ${code}`, metadata instanceof Error ? metadata.message : "");
      },
      warn() {},
      debug() {},
    },
  };
  return cached;
}

export { GENERIC_SIGN_IN_ERROR };
