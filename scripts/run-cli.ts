/**
 * Shared entry for command-line tools: open the configured database, run,
 * close, and turn known failures (bad configuration, a data directory held by
 * the running app) into one clear line and a non-zero exit.
 */
import { openDatabase, type DbHandle } from "../db/client";
import { DataDirLockedError } from "../db/embedded";
import { MigrationsPendingError } from "../db/roles";

export async function runCli(main: (handle: DbHandle, args: string[]) => Promise<void>): Promise<void> {
  let handle: DbHandle | undefined;
  try {
    const { env } = await import("../lib/env.js");
    handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    await main(handle, process.argv.slice(2));
  } catch (err) {
    if (err instanceof DataDirLockedError || err instanceof MigrationsPendingError || (err instanceof Error && err.message.startsWith("Invalid configuration"))) {
      console.error(`error: ${err.message}`);
    } else {
      console.error(err);
    }
    process.exitCode = 1;
  } finally {
    await handle?.close().catch(() => {});
  }
}
