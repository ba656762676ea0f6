/** A staff account (and an API token for it) on the bench database, made the way an admin makes them. */
import crypto from "node:crypto";
import type { Db } from "../../../db/client";
import { issueApiToken } from "../../../lib/accounts/api-tokens";
import { createStaffUser } from "../../../lib/accounts/users";
import { operatorContext } from "../../../lib/auth/mutation-context";

export interface BenchStaff {
  userId: string;
  email: string;
  name: string;
  password: string;
  token: string;
}

export async function createBenchStaff(db: Db, role: "detective" | "supervisor" = "supervisor"): Promise<BenchStaff> {
  const email = `bench-${role}@example.com`;
  const name = `Bench ${role}`;
  // Random words pass the password policy (length, not on the common list).
  const password = `bench ${crypto.randomBytes(12).toString("hex")}`;
  const operator = operatorContext(db, "cli:bench");
  const created = await createStaffUser(operator, { email, name, role, password });
  if (!created.ok) throw new Error(`bench staff account: ${JSON.stringify(created.errors)}`);
  const token = await issueApiToken(operator, { userId: created.user.id, name: "bench", days: 1 });
  if (!token.ok) throw new Error(`bench API token: ${JSON.stringify(token.errors)}`);
  return { userId: created.user.id, email, name, password, token: token.token };
}
