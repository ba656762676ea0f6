/**
 * Makes the audit trail refuse one action while `run` executes, so a test can
 * show that a request whose audit entry fails leaves nothing else behind (at the INSERT, or with
 * `atCommit` only when the entry's transaction commits).
 * Returns what `run` threw (null if it did not throw); the trigger is always removed.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

export async function whileAuditRefuses(db: Db, action: string, run: () => Promise<unknown>, options: { atCommit?: boolean } = {}): Promise<Error | null> {
  await db.execute(sql`create function refuse_audit_for_test() returns trigger language plpgsql as $$
    begin if new.action = ${sql.raw(`'${action.replace(/'/g, "''")}'`)} then raise exception 'audit refused by the test'; end if; return new; end $$`);
  // atCommit: the INSERT itself succeeds and the refusal comes when its transaction commits (a deferred
  // constraint trigger), i.e. after the statement has answered its rows.
  await db.execute(
    options.atCommit
      ? sql`create constraint trigger refuse_audit_for_test after insert on audit_log deferrable initially deferred for each row execute function refuse_audit_for_test()`
      : sql`create trigger refuse_audit_for_test before insert on audit_log for each row execute function refuse_audit_for_test()`,
  );
  try {
    return await run().then(
      () => null,
      (err: Error) => err,
    );
  } finally {
    await db.execute(sql`drop trigger refuse_audit_for_test on audit_log`);
    await db.execute(sql`drop function refuse_audit_for_test()`);
  }
}
