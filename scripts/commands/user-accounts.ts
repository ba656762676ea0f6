/**
 * The account commands behind npm run user:create / user:token / user:unlock. Each entry script
 * runs one through runCommand (scripts/run-cli.ts) with the process's stdin, stdout and stderr;
 * tests call them in-process with their own CommandIo against an open database as well.
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { DbHandle } from "../../db/client";
import { users } from "../../db/schema";
import { createStaffUser, unlockUser } from "../../lib/accounts/users";
import { issueApiToken } from "../../lib/accounts/api-tokens";
import { operatorContext } from "../../lib/auth/mutation-context";
import type { CommandIo } from "../run-cli";

/** user:create --email E --name N --role R; the password is the first line of stdin, or generated and printed once. */
export async function userCreate(handle: DbHandle, args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
  });
  const password = await io.readStdin();
  const result = await createStaffUser(operatorContext(handle.db, "cli"), {
    email: values.email ?? "",
    name: values.name ?? "",
    role: values.role ?? "",
    password: password ?? undefined,
  });
  if (!result.ok) {
    for (const [field, message] of Object.entries(result.errors)) io.err(`error: --${field} ${message}`);
    return 1;
  }
  io.out(`created ${result.user.role} ${result.user.email} (${result.user.id})`);
  if (result.generatedPassword) io.out(`password (shown once): ${result.generatedPassword}`);
  return 0;
}

/** user:token --email E [--days N] [--name LABEL] [--admin]: a new API token, printed once. */
export async function userToken(handle: DbHandle, args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, days: { type: "string", default: "90" }, name: { type: "string", default: "cli" }, admin: { type: "boolean", default: false } },
  });
  const email = (values.email ?? "").trim().toLowerCase();
  const [user] = email ? await handle.db.select().from(users).where(sql`lower(${users.email}) = ${email}`) : [];
  if (!user) {
    io.err(`error: --email ${email ? "has no account" : "is required"}`);
    return 1;
  }
  const result = await issueApiToken(operatorContext(handle.db, "cli"), { userId: user.id, name: values.name!, days: values.days!, allowAdmin: values.admin! });
  if (!result.ok) {
    for (const [field, message] of Object.entries(result.errors)) io.err(`error: --${field === "userId" ? "email" : field === "allowAdmin" ? "admin" : field} ${message}`);
    return 1;
  }
  const actsAs = user.role === "admin" && !values.admin ? "supervisor (pass --admin for admin powers)" : user.role;
  io.err(`token for ${user.email}, acting as ${actsAs}, expires ${result.expiresAt.toISOString()}; it is shown only now:`);
  io.out(result.token);
  return 0;
}

/** user:unlock --email E: ends a lockout (failed sign-ins) of that account, audited. */
export async function userUnlock(handle: DbHandle, args: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: "string" } } });
  const email = (values.email ?? "").trim().toLowerCase();
  if (!email) {
    io.err("error: --email is required");
    return 1;
  }
  const [user] = await handle.db.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
  if (!user) {
    io.err(`error: no account with the e-mail ${email}`);
    return 1;
  }
  const result = await unlockUser(operatorContext(handle.db, "cli"), { userId: user.id });
  if (!result.ok) {
    io.err(`error: ${Object.values(result.errors).join("; ")}`);
    return 1;
  }
  io.out(`unlocked ${user.email}${user.lockedUntil && user.lockedUntil > new Date() ? ` (was locked until ${user.lockedUntil.toISOString()})` : " (it was not locked)"}`);
  return 0;
}
