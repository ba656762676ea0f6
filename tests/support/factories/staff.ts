/**
 * Staff accounts for tests: made through the same account code the admin page uses (password policy,
 * argon2 hash, `user.created` audit entry), each with a live API token issued as the admin page issues
 * one (`api_token.issued`), so a test can call any route as that person straight away.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import type { Db } from "@/db/client";
import { users, type User } from "@/db/schema";
import { issueApiToken } from "@/lib/accounts/api-tokens";
import { createStaffUser } from "@/lib/accounts/users";
import { operatorContext } from "@/lib/auth/mutation-context";
import type { Role } from "@/lib/auth/roles";
import { newTotpSecret } from "@/lib/auth/totp";
import { totpKeyring } from "@/lib/auth/totp-key";
import { sealTotpSecret } from "@/lib/auth/totp-secret-box";

/** Every test account's password: long and uncommon enough for the password policy. */
export const TEST_PASSWORD = "plum-harbour-quietly-9";

export interface StaffOverrides {
  role?: Role;
  /** Shown on sheets and in the audit trail ("Dana Detective"). */
  name?: string;
  email?: string;
  /** Enrol a TOTP second factor (sealed with the test keyring), as sessions that require MFA need. */
  mfa?: boolean;
}

/** The user row, plus the clear API token issued for them and the header that sends it. */
export type TestStaff = User & { token: string; authorization: string };

export async function createStaff(db: Db, overrides: StaffOverrides = {}): Promise<TestStaff> {
  const role = overrides.role ?? "detective";
  const email = overrides.email ?? `${role}-${crypto.randomBytes(4).toString("hex")}@test.example`;
  const created = await createStaffUser(operatorContext(db, "test"), { email, name: overrides.name ?? `Test ${role}`, role, password: TEST_PASSWORD });
  if (!created.ok) throw new Error(`createStaff: ${JSON.stringify(created.errors)}`);
  let user = created.user;
  if (overrides.mfa) {
    [user] = await db
      .update(users)
      .set({ totpSecret: sealTotpSecret(newTotpSecret(), user.id, totpKeyring()), totpEnabledAt: new Date() })
      .where(eq(users.id, user.id))
      .returning();
  }
  const { token, authorization } = await createApiToken(db, { user });
  return { ...user, token, authorization };
}

export interface ApiTokenOverrides {
  user: Pick<User, "id" | "role">;
  days?: number;
  /** When the token is issued; a date in the past makes a token that has already expired. */
  now?: Date;
  /** An admin's test token has admin powers unless `allowAdmin: false` (the app asks for them explicitly). */
  allowAdmin?: boolean;
  name?: string;
}

/** Another API token for a user, issued (and audited) as the admin page issues one. */
export async function createApiToken(db: Db, overrides: ApiTokenOverrides): Promise<{ id: string; token: string; authorization: string }> {
  const { user, days = 30, now = new Date(), allowAdmin = user.role === "admin", name = "test" } = overrides;
  const issued = await issueApiToken({ ...operatorContext(db, "test"), now }, { userId: user.id, name, days, allowAdmin });
  if (!issued.ok) throw new Error(`createApiToken: ${JSON.stringify(issued.errors)}`);
  return { id: issued.id, token: issued.token, authorization: `Bearer ${issued.token}` };
}

/** A real next-auth session cookie (JWT encrypted with the app's secret) for this user. */
export async function sessionCookieFor(user: User, secret: string, claims: Record<string, unknown> = {}): Promise<string> {
  const now = Date.now();
  const token = await encode({
    secret,
    maxAge: 30 * 60,
    token: { sub: user.id, sid: crypto.randomUUID(), email: user.email, name: user.name, sessionVersion: user.sessionVersion, authTimeMs: now, lastSeenMs: now, ...claims },
  });
  return `next-auth.session-token=${token}`;
}
