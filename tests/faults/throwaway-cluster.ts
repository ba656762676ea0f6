/**
 * A PostgreSQL cluster of our own (initdb + pg_ctl in a temp directory, on a
 * free loopback port) that a test may stop and start at will — never the
 * shared server others use. PostGIS comes from the system-wide install.
 * PostgreSQL refuses to run as root, so as root it runs as the postgres user.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/support/next-app";

const BIN = process.env.PG_BIN_DIR ?? "/usr/lib/postgresql/15/bin";

export function canRunThrowawayCluster(): boolean {
  return fs.existsSync(path.join(BIN, "initdb")) && fs.existsSync(path.join(BIN, "pg_ctl"));
}

export interface ThrowawayCluster {
  /** postgres://… of a database `name` on it (created by `createDatabase`). */
  url(name: string): string;
  createDatabase(name: string): void;
  /** pg_ctl stop -m immediate: like pulling the plug (no checkpoint, connections cut). */
  stopImmediately(): void;
  start(): void;
  destroy(): void;
}

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    fs.chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(BIN, tool), ...args]] : [path.join(BIN, tool), args];
    const result = spawnSync(cmd, argv, { encoding: "utf8", timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
  };
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c full_page_writes=off`;
  const start = () => run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "30", "start"]);
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  start();
  const url = (name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  return {
    url,
    createDatabase: (name) => run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", name]),
    stopImmediately: () => run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]),
    start,
    destroy: () => {
      spawnSync(asRoot ? "runuser" : path.join(BIN, "pg_ctl"), asRoot ? ["-u", "postgres", "--", path.join(BIN, "pg_ctl"), "-D", data, "-m", "immediate", "stop"] : ["-D", data, "-m", "immediate", "stop"]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
