/**
 * npm run user:unlock -- --email E
 * Ends a lockout (failed sign-ins) of that account, audited: for when someone
 * locked a colleague out on purpose, or the only admin is locked out.
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { users } from "../db/schema";
import { unlockUser } from "../lib/accounts/users";
import { operatorContext } from "../lib/auth/mutation-context";
import { runCli } from "./run-cli";

await runCli(async (handle, args) => {
  const { values } = parseArgs({ args, options: { email: { type: "string" } } });
  const email = (values.email ?? "").trim().toLowerCase();
  if (!email) {
    console.error("error: --email is required");
    process.exitCode = 1;
    return;
  }
  const [user] = await handle.db.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
  if (!user) {
    console.error(`error: no account with the e-mail ${email}`);
    process.exitCode = 1;
    return;
  }
  const result = await unlockUser(operatorContext(handle.db, "cli"), { userId: user.id });
  if (!result.ok) {
    console.error(`error: ${Object.values(result.errors).join("; ")}`);
    process.exitCode = 1;
    return;
  }
  console.log(`unlocked ${user.email}${user.lockedUntil && user.lockedUntil > new Date() ? ` (was locked until ${user.lockedUntil.toISOString()})` : " (it was not locked)"}`);
});
