import { appliedMigrationCount } from "../db/migrate";
import { runCli } from "./run-cli";

// openDatabase applies pending migrations; report where things stand.
await runCli(async (handle) => {
  console.log(`migrations applied on the ${handle.kind} database: ${await appliedMigrationCount(handle.db)}`);
});
