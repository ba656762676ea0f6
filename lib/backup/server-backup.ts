/**
 * Backups of a PostgreSQL server database with the standard tools: pg_dump in
 * custom format, pg_restore --clean. They must be on PATH (Debian:
 * postgresql-client) and match or exceed the server's major version.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (err) => reject(new Error(`${command} could not start: ${err.message}`)));
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim().split("\n").slice(-3).join(" | ")}`)),
    );
  });
}

export async function backupServer(databaseUrl: string, outFile: string): Promise<{ bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  const partial = `${outFile}.partial`;
  await run("pg_dump", ["--format=custom", "--no-owner", "--file", partial, "--dbname", databaseUrl]);
  fs.renameSync(partial, outFile);
  return { bytes: fs.statSync(outFile).size };
}

export async function restoreServer(databaseUrl: string, backupFile: string): Promise<void> {
  if (!fs.existsSync(backupFile)) throw new Error(`no such backup file: ${backupFile}`);
  await run("pg_restore", [
    "--clean",
    "--if-exists",
    "--no-owner",
    "--single-transaction",
    "--exit-on-error",
    "--dbname",
    databaseUrl,
    backupFile,
  ]);
}
