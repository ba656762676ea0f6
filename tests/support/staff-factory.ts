/** Test data for staff accounts: users of each role, their API tokens and session cookies. */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import type { Db } from "../../db/client";
import { users, type User } from "../../db/schema";
import { createStaffUser } from "../../lib/accounts/users";
import { issueApiToken } from "../../lib/accounts/api-tokens";
import { systemActor } from "../../lib/audit/record-audit";
import type { Role } from "../../lib/auth/roles";
import { newTotpSecret } from "../../lib/auth/totp";
import { totpKeyring } from "../../lib/auth/totp-key";
import { sealTotpSecret } from "../../lib/auth/totp-secret-box";

export const TEST_PASSWORD = "plum-harbour-quietly-9";

export async function createTestStaff(db: Db, role: Role, options: { mfa?: boolean; email?: string } = {}): Promise<User> {
  const email = options.email ?? `${role}-${crypto.randomBytes(4).toString("hex")}@test.example`;
  const result = await createStaffUser(db, systemActor("test"), { email, name: `Test ${role}`, role, password: TEST_PASSWORD });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  if (!options.mfa) return result.user;
  const [user] = await db
    .update(users)
    .set({ totpSecret: sealTotpSecret(newTotpSecret(), result.user.id, totpKeyring()), totpEnabledAt: new Date() })
    .where(eq(users.id, result.user.id))
    .returning();
  return user;
}

/** An admin's test token gets admin powers unless `allowAdmin: false` (they must be asked for explicitly). */
export async function createTestToken(db: Db, user: User, days = 30, now = new Date(), allowAdmin = user.role === "admin"): Promise<string> {
  const result = await issueApiToken(db, systemActor("test"), { userId: user.id, name: "test", days, allowAdmin }, now);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.token;
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
