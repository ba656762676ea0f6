/**
 * npm run user:token -- --email E [--days N] [--name LABEL] [--admin]: prints a new API token for that
 * user, once. An admin's token acts as a supervisor unless --admin is given.
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { users } from "../db/schema";
import { issueApiToken } from "../lib/accounts/api-tokens";
import { operatorContext } from "../lib/auth/mutation-context";
import { runCli } from "./run-cli";

await runCli(async (handle, args) => {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, days: { type: "string", default: "90" }, name: { type: "string", default: "cli" }, admin: { type: "boolean", default: false } },
  });
  const email = (values.email ?? "").trim().toLowerCase();
  const [user] = email ? await handle.db.select().from(users).where(sql`lower(${users.email}) = ${email}`) : [];
  if (!user) {
    console.error(`error: --email ${email ? "has no account" : "is required"}`);
    process.exitCode = 1;
    return;
  }
  const result = await issueApiToken(operatorContext(handle.db, "cli"), { userId: user.id, name: values.name!, days: values.days!, allowAdmin: values.admin! });
  if (!result.ok) {
    for (const [field, message] of Object.entries(result.errors)) console.error(`error: --${field === "userId" ? "email" : field === "allowAdmin" ? "admin" : field} ${message}`);
    process.exitCode = 1;
    return;
  }
  const actsAs = user.role === "admin" && !values.admin ? "supervisor (pass --admin for admin powers)" : user.role;
  console.error(`token for ${user.email}, acting as ${actsAs}, expires ${result.expiresAt.toISOString()}; it is shown only now:`);
  console.log(result.token);
});
