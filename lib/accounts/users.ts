import "server-only";
import { and, asc, count, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, recoveryCodes, users, type User } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireRole, type AdminContext, type StaffContext } from "@/lib/auth/mutation-context";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import type { Role } from "@/lib/auth/roles";
import { generatePassword } from "./generate-password";
import { fieldErrors, type FieldErrors } from "@/lib/http/field-errors";
import { newUserSchema, roleSchema, type UnparsedNewUser } from "./user-input";

export type AccountResult<T> = ({ ok: true } & T) | { ok: false; errors: FieldErrors };

export interface StaffUserSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  lockedUntil: Date | null;
  mfaEnabled: boolean;
  isDemo: boolean;
  createdAt: Date;
}

export async function listStaffUsers(db: Db): Promise<StaffUserSummary[]> {
  const rows = await db.select().from(users).orderBy(asc(users.email));
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabledAt: u.disabledAt,
    lockedUntil: u.lockedUntil,
    mfaEnabled: Boolean(u.totpEnabledAt),
    isDemo: u.isDemo,
    createdAt: u.createdAt,
  }));
}

/**
 * Create a staff account (an admin, or the operator's CLI); with no password given, one is generated
 * and returned once. `isDemo` marks the demo seed's accounts (the sign-in page offers them).
 */
export async function createStaffUser(
  { db, actor, principal }: AdminContext,
  { isDemo = false, ...input }: UnparsedNewUser & { isDemo?: boolean },
): Promise<AccountResult<{ user: User; generatedPassword: string | null }>> {
  requireRole(principal, "admin");
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const { email, name, role } = parsed.data;
  const generatedPassword = parsed.data.password ? null : generatePassword();
  const passwordHash = await hashPassword(parsed.data.password || generatedPassword!);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    if (existing) return { ok: false, errors: { email: "an account with this e-mail already exists" } } as const;
    const [user] = await tx.insert(users).values({ email, name, role, passwordHash, isDemo }).returning();
    await recordAudit(tx, actor, { action: "user.created", targetType: "user", targetId: user.id, details: { email, role, passwordGenerated: !!generatedPassword } });
    return { ok: true, user, generatedPassword } as const;
  });
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

type Change = { set: Partial<User> } | { errors: FieldErrors };

/** Which account an admin's change is about (the form's hidden field, or the CLI's lookup). */
export interface UserTarget {
  userId: string;
}

/**
 * Lock the row, apply the change with a bumped session version (ends the
 * user's sessions) and their API tokens revoked, audit — one transaction.
 * The caller has done the role check (an admin's change, or one's own).
 */
async function changeUser(
  { db, actor }: Pick<AdminContext, "db" | "actor">,
  userId: string,
  action: AuditAction,
  change: (user: User, tx: Tx) => Promise<Change>,
  details: (before: User, after: User) => Record<string, unknown> = () => ({}),
  endSessions = true,
): Promise<AccountResult<{ user: User }>> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return { ok: false, errors: { userId: "no such user" } };
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!user) return { ok: false, errors: { userId: "no such user" } } as const;
    const outcome = await change(user, tx);
    if ("errors" in outcome) return { ok: false, errors: outcome.errors } as const;
    const set: Partial<User> = { ...outcome.set, updatedAt: new Date() };
    let tokensRevoked = 0;
    if (endSessions) {
      set.sessionVersion = user.sessionVersion + 1;
      const revoked = await tx
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id });
      tokensRevoked = revoked.length;
    }
    const [updated] = await tx.update(users).set(set).where(eq(users.id, userId)).returning();
    await recordAudit(tx, actor, {
      action,
      targetType: "user",
      targetId: userId,
      details: { email: user.email, ...details(user, updated), ...(endSessions ? { sessionsEnded: true, tokensRevoked } : {}) },
    });
    return { ok: true, user: updated } as const;
  });
}

/** True when this user is the last enabled admin: removing them would leave nobody to administer. */
async function isLastEnabledAdmin(tx: Tx, user: User): Promise<boolean> {
  if (user.role !== "admin" || user.disabledAt) return false;
  const [{ n }] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, user.id)));
  return n === 0;
}

export async function setUserDisabled(ctx: AdminContext, { userId, disabled }: UserTarget & { disabled: boolean }) {
  requireRole(ctx.principal, "admin");
  return changeUser(ctx, userId, disabled ? "user.disabled" : "user.enabled", async (user, tx) => {
    if (disabled && (await isLastEnabledAdmin(tx, user))) return { errors: { disabled: "the last enabled admin cannot be disabled" } };
    return { set: { disabledAt: disabled ? (user.disabledAt ?? new Date()) : null } };
  });
}

/** `role` as the form sent it, parsed here. */
export async function changeUserRole(ctx: AdminContext, { userId, role }: UserTarget & { role: string }) {
  const parsed = roleSchema.safeParse(role);
  if (!parsed.success) return Promise.resolve({ ok: false, errors: { role: parsed.error.issues[0].message } } as const);
  requireRole(ctx.principal, "admin");
  return changeUser(
    ctx,
    userId,
    "user.role_changed",
    async (user, tx) => {
      if (parsed.data !== "admin" && (await isLastEnabledAdmin(tx, user))) return { errors: { role: "the last enabled admin must stay an admin" } };
      return { set: { role: parsed.data } };
    },
    (before, after) => ({ from: before.role, to: after.role }),
  );
}

/** New password (given, or generated and returned once); also lifts a lockout. */
export async function resetUserPassword(
  ctx: AdminContext,
  { userId, password }: UserTarget & { password?: string },
): Promise<AccountResult<{ user: User; generatedPassword: string | null }>> {
  requireRole(ctx.principal, "admin");
  const generatedPassword = password ? null : generatePassword();
  const chosen = password || generatedPassword!;
  const result = await changeUser(
    ctx,
    userId,
    "user.password_reset",
    async (user) => {
      const problem = password ? passwordProblem(password, { email: user.email, name: user.name }) : null;
      if (problem) return { errors: { password: problem } };
      return { set: { passwordHash: await hashPassword(chosen), failedSignIns: 0, lockedUntil: null, lastFailedSignInAt: null } };
    },
    () => ({ passwordGenerated: !!generatedPassword }),
  );
  return result.ok ? { ...result, generatedPassword } : result;
}

/**
 * A signed-in user changes their own password (OWASP ASVS V6): the current one
 * first, then the policy; every session of theirs ends (sign in again with the
 * new one) and their API tokens are revoked, as with an admin's reset.
 * Whose password it is comes from the principal, never from the input.
 */
export async function changeOwnPassword(ctx: StaffContext, input: { currentPassword: string; newPassword: string }) {
  return changeUser(ctx, ctx.principal.userId, "user.password_changed", async (user): Promise<Change> => {
    if (user.disabledAt) return { errors: { userId: "no such user" } };
    if (!input.currentPassword || !(await verifyPassword(user.passwordHash, input.currentPassword))) return { errors: { currentPassword: "is not your current password" } };
    if (input.newPassword === input.currentPassword) return { errors: { newPassword: "must differ from the current password" } };
    const problem = passwordProblem(input.newPassword, { email: user.email, name: user.name });
    if (problem) return { errors: { newPassword: problem } };
    return { set: { passwordHash: await hashPassword(input.newPassword) } };
  });
}

export async function signOutEverywhere(ctx: AdminContext, { userId }: UserTarget) {
  requireRole(ctx.principal, "admin");
  return changeUser(ctx, userId, "user.signed_out_everywhere", async () => ({ set: {} }));
}

export async function unlockUser(ctx: AdminContext, { userId }: UserTarget) {
  requireRole(ctx.principal, "admin");
  return changeUser(ctx, userId, "user.unlocked", async () => ({ set: { failedSignIns: 0, lockedUntil: null, lastFailedSignInAt: null } }), () => ({}), false);
}

/** Remove the second factor (lost phone): the user enrols again at next sign-in. */
export async function resetUserMfa(ctx: AdminContext, { userId }: UserTarget) {
  requireRole(ctx.principal, "admin");
  return changeUser(ctx, userId, "user.mfa_reset", async (user, tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    return { set: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } };
  });
}
