/**
 * Shared entry for command-line tools: open the configured database, run,
 * close, and turn known failures (bad configuration, a data directory held by
 * the running app) into one clear line and a non-zero exit.
 */
import { openDatabase, type DbHandle } from "../db/client";
import { DataDirLockedError } from "../db/embedded";
import { MigrationsPendingError } from "../db/roles";
import { readPasswordFromStdin } from "./support/read-stdin";

/** Where a command reads its input and writes its lines: the process's stdio, or a test's buffers. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  /** The first line of standard input, or null when there is none. */
  readStdin(): Promise<string | null>;
}

/** A command that answers with an exit code (0 for success) instead of setting process.exitCode. */
export type Command = (handle: DbHandle, args: string[], io: CommandIo) => Promise<number>;

const processIo: CommandIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  readStdin: readPasswordFromStdin,
};

/** runCli for a Command, on the process's stdin, stdout and stderr. */
export function runCommand(command: Command): Promise<void> {
  return runCli(async (handle, args) => {
    const code = await command(handle, args, processIo);
    if (code !== 0) process.exitCode = code;
  });
}

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
