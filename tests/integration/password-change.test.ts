/** A signed-in user changes their own password (Account → Change password): lib/accounts/users.ts changeOwnPassword. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, users } from "@/db/schema";
import { parseEnv } from "@/lib/env.js";
import { authSettings } from "@/lib/auth/auth-settings";
import { authenticateStaff } from "@/lib/auth/sign-in";
import { principalForApiToken } from "@/lib/auth/api-token";
import { changeOwnPassword } from "@/lib/accounts/users";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { createStaff, TEST_PASSWORD } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const settings = { ...authSettings(parseEnv({})), mfaRequired: false };
const meta = { ip: "192.0.2.30", userAgent: "vitest" };
const NEW_PASSWORD = "lantern-quarry-mosaic-47";

describe(`changing one's own password (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("needs the current password and a policy-conforming new one, then ends sessions and tokens, audited", async () => {
    const user = await createStaff(t.db, { role: "detective" });
    const token = user.token;
    const actor = { userId: user.id, label: user.email, ip: meta.ip };
    // Whose password changes comes from the principal (the signed-in user), not from the input.
    const ctx = { db: t.db, actor, principal: { userId: user.id, email: user.email, name: user.name, role: user.role, via: "session" as const } };
    expect(await changeOwnPassword(ctx, { currentPassword: "not-my-password-123", newPassword: NEW_PASSWORD })).toEqual({
      ok: false,
      errors: { currentPassword: "is not your current password" },
    });
    expect(await changeOwnPassword(ctx, { currentPassword: TEST_PASSWORD, newPassword: "password1234" })).toEqual({
      ok: false,
      errors: { newPassword: expect.stringMatching(/common/) },
    });
    expect(await changeOwnPassword(ctx, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })).toMatchObject({ ok: false });
    // Nothing changed yet.
    expect((await authenticateStaff(t.db, { email: user.email, password: TEST_PASSWORD }, meta, settings)).kind).toBe("ok");

    const changed = await changeOwnPassword(ctx, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.ok).toBe(true);
    expect((await authenticateStaff(t.db, { email: user.email, password: TEST_PASSWORD }, meta, settings)).kind).toBe("invalid");
    expect((await authenticateStaff(t.db, { email: user.email, password: NEW_PASSWORD }, meta, settings)).kind).toBe("ok");
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await principalForApiToken(t.db, token)).toBeNull();
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "user.password_changed"), eq(auditLog.targetId, user.id)));
    expect(audit).toMatchObject({ actorUserId: user.id, details: { sessionsEnded: true, tokensRevoked: 1 } });
    expect(JSON.stringify(audit.details)).not.toContain(NEW_PASSWORD);
  });
});
