/**
 * One demo account per role, for the embedded demo only (automatic seed of an
 * empty embedded database, or `npm run db:seed -- --demo-users`). The
 * passwords are public (README); a server deployment never gets these.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { createStaffUser } from "../accounts/users";
import { operatorContext } from "../auth/mutation-context";
import { DEMO_USERS, type DemoCredential } from "./demo-credentials";

export { DEMO_USERS, type DemoCredential };

/** Create the demo accounts that do not exist yet; returns how many were added. */
export async function ensureDemoUsers(db: Db): Promise<number> {
  let added = 0;
  for (const demo of DEMO_USERS) {
    const [existing] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${demo.email}`);
    if (existing) continue;
    const result = await createStaffUser(operatorContext(db, "demo-seed"), { ...demo, isDemo: true });
    if (!result.ok) throw new Error(`demo user ${demo.email}: ${JSON.stringify(result.errors)}`);
    added++;
  }
  return added;
}

/** The demo credentials whose accounts exist in this database (to print at start-up). */
export async function presentDemoCredentials(db: Db): Promise<DemoCredential[]> {
  const rows = await db.select({ email: users.email }).from(users).where(eq(users.isDemo, true));
  const present = new Set(rows.map((r) => r.email.toLowerCase()));
  return DEMO_USERS.filter((d) => present.has(d.email));
}
