import type { Db } from "@/db/client";
import { appendOnlyWeaknesses } from "@/db/roles";

export interface RoleCheck {
  /** false: the app must not start. */
  ok: boolean;
  /** One line for the log, or null when there is nothing to say. */
  message: string | null;
}

/**
 * On a server database the app should connect as the runtime role
 * (`npm run db:grant`), which cannot rewrite the audit trail. Connected as
 * anything stronger it says so once, or with DATABASE_ROLE_CHECK=refuse stops.
 */
export async function checkDatabaseRole(db: Db, mode: "warn" | "refuse"): Promise<RoleCheck> {
  const weaknesses = await appendOnlyWeaknesses(db);
  if (!weaknesses.length) return { ok: true, message: null };
  const what = `the database role can rewrite the audit trail (${weaknesses.join("; ")}): connect as a runtime role made with \`npm run db:grant -- --role NAME\``;
  return mode === "refuse"
    ? { ok: false, message: `[sightline] refusing to start: ${what} (DATABASE_ROLE_CHECK=refuse)` }
    : { ok: true, message: `[sightline] warning: ${what}` };
}
