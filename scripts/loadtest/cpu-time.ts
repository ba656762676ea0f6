/**
 * CPU seconds spent by the app and by its database backends during the run.
 * On a machine shared with other jobs, requests per second and latency mostly
 * measure the other jobs; CPU time per request is what the app itself costs,
 * and is what a change to the app can cut. Linux only (/proc); elsewhere null.
 */
import fs from "node:fs";
import pg from "pg";

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux architecture Node.js runs on). */
const USER_HZ = 100;

/** User + system CPU seconds of one process so far, or null when it cannot be read. */
export function processCpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return null;
  }
}

/**
 * The server processes of `database`'s connections, when that server runs on
 * this machine (their pids are then ours to read). Only backends alive when
 * asked are found: the app's pool keeps its connections while it is busy.
 */
export async function databaseBackendPids(adminUrl: string, database: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [database]);
    return rows.map((r) => r.pid).filter((pid) => fs.existsSync(`/proc/${pid}/stat`));
  } finally {
    await client.end();
  }
}

export function sumCpuSeconds(pids: (number | undefined)[]): number | null {
  const each = pids.map(processCpuSeconds).filter((v): v is number => v !== null);
  return each.length ? each.reduce((a, b) => a + b, 0) : null;
}
