import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireRole, type AdminContext } from "@/lib/auth/mutation-context";
import { generateApiToken, hashApiToken } from "@/lib/auth/api-token";
import { fieldErrors } from "@/lib/http/field-errors";
import { issueTokenSchema, type IssueTokenInput } from "./user-input";
import type { AccountResult } from "./users";

const DAY_MS = 86_400_000;

export interface ApiTokenSummary {
  id: string;
  name: string;
  userId: string;
  userEmail: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}

export async function listApiTokens(db: Db): Promise<ApiTokenSummary[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      userId: apiTokens.userId,
      userEmail: users.email,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      createdAt: apiTokens.createdAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** A new token for a user (an admin, or the operator's CLI); the clear token is returned here once and only its hash is kept. */
export async function issueApiToken(
  { db, actor, principal, now = new Date() }: AdminContext,
  input: IssueTokenInput,
): Promise<AccountResult<{ id: string; token: string; expiresAt: Date }>> {
  requireRole(principal, "admin");
  const parsed = issueTokenSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const { userId, name, days, allowAdmin } = parsed.data;
  const token = generateApiToken();
  const expiresAt = new Date(now.getTime() + days * DAY_MS);
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email, role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
    const refuse = (errors: Record<string, string>) => ({ ok: false, errors }) as const;
    if (!user) return refuse({ userId: "no such user" });
    if (user.disabledAt) return refuse({ userId: "the account is disabled" });
    if (allowAdmin && user.role !== "admin") return refuse({ allowAdmin: "only an admin's token can act as an admin" });
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId, name, tokenHash: hashApiToken(token), expiresAt, allowAdmin, createdBy: actor.userId })
      .returning({ id: apiTokens.id });
    await recordAudit(tx, actor, {
      action: "api_token.issued",
      targetType: "api_token",
      targetId: row.id,
      details: { userId, email: user.email, name, expiresAt: expiresAt.toISOString(), allowAdmin },
    });
    return { ok: true, id: row.id, token, expiresAt } as const;
  });
}

export async function revokeApiToken({ db, actor, principal }: AdminContext, { tokenId }: { tokenId: string }): Promise<AccountResult<{ id: string }>> {
  requireRole(principal, "admin");
  if (!/^[0-9a-f-]{36}$/i.test(tokenId)) return { ok: false, errors: { tokenId: "no such token" } };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, userId: apiTokens.userId, name: apiTokens.name });
    if (!row) return { ok: false, errors: { tokenId: "no such live token" } } as const;
    await recordAudit(tx, actor, { action: "api_token.revoked", targetType: "api_token", targetId: row.id, details: { userId: row.userId, name: row.name } });
    return { ok: true, id: row.id } as const;
  });
}
