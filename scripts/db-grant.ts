/**
 * npm run db:grant -- --role NAME   (run as the owner role, after db:migrate)
 * Creates the runtime role the app connects as, if missing, and grants it
 * exactly what the app needs (db/roles.ts). A password piped on stdin is set
 * as the role's password; with nothing on stdin the role gets none (for
 * peer, certificate or trust authentication). Run it again after each upgrade.
 */
import { parseArgs } from "node:util";
import { grantRuntimeRole } from "../db/roles";
import { readPasswordFromStdin } from "./support/read-stdin";
import { runCli } from "./run-cli";

await runCli(async (handle, args) => {
  const { values } = parseArgs({ args, options: { role: { type: "string" } } });
  if (handle.kind !== "server") {
    console.error("error: db:grant needs DATABASE_URL: the embedded database has one user (its append-only triggers protect the audit trail)");
    process.exitCode = 1;
    return;
  }
  if (!values.role) {
    console.error("error: --role NAME is required");
    process.exitCode = 1;
    return;
  }
  const password = await readPasswordFromStdin();
  let created: boolean;
  try {
    ({ created } = await grantRuntimeRole(handle.db, values.role, password ?? undefined));
  } catch (err) {
    // A refused name or role is one line, not a stack.
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
    return;
  }
  console.log(`${created ? "created" : "updated"} runtime role ${values.role}: SELECT/INSERT on the audit trail and custody log, read/write on the data, owns nothing`);
});
