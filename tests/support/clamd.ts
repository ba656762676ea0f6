/**
 * A throwaway clamd (Debian's clamav-daemon) for tests: its own temp config
 * (TCP on 127.0.0.1 at a free port, no local socket, foreground) and its own
 * signature database, because signature updates cannot be downloaded here. The
 * database is one MD5 hash signature (.hdb, the format `sigtool --md5 FILE`
 * prints: md5:size:name) of the EICAR anti-virus test file, so clamd flags
 * exactly that file under our name (clamd adds ".UNOFFICIAL" for a
 * non-official database).
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pingClamd } from "@/lib/evidence/clamd-client";

export const TEST_SIGNATURE = "Sightline.Test.EICAR";

/**
 * The EICAR test file (eicar.org): harmless, and recognised by every scanner.
 * Assembled at run time so that this source file is not itself flagged by a
 * scanner on a developer's machine.
 */
export function eicarBytes(): Buffer {
  const parts = ["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-", "ANTIVIRUS-TEST-FILE!$H+H*"];
  return Buffer.from(parts.join(""), "latin1");
}

/** clamd's path, or null when clamav-daemon is not installed (Debian puts it in /usr/sbin, often not on a user's PATH). */
export function findClamd(): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/local/sbin"];
  for (const dir of dirs) {
    const candidate = path.join(dir, "clamd");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** A loopback port nothing listens on (just closed), for clamd to bind or for "clamd is down". */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface TestClamd {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** Start clamd with the EICAR-only database; resolves once it answers PONG. `streamMaxLength`: clamd's INSTREAM cap. */
export async function startClamd(opts: { streamMaxLength?: string } = {}): Promise<TestClamd> {
  const binary = findClamd();
  if (!binary) throw new Error("clamd is not installed (apt-get install clamav-daemon)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-clamd-"));
  const dbDir = path.join(dir, "db");
  fs.mkdirSync(dbDir);
  const eicar = eicarBytes();
  const md5 = crypto.createHash("md5").update(eicar).digest("hex");
  fs.writeFileSync(path.join(dbDir, "sightline-test.hdb"), `${md5}:${eicar.length}:${TEST_SIGNATURE}\n`);
  const port = await freePort();
  const config = path.join(dir, "clamd.conf");
  fs.writeFileSync(
    config,
    [
      `TCPSocket ${port}`,
      "TCPAddr 127.0.0.1",
      `DatabaseDirectory ${dbDir}`,
      `TemporaryDirectory ${dir}`,
      `LogFile ${path.join(dir, "clamd.log")}`,
      "Foreground yes",
      `StreamMaxLength ${opts.streamMaxLength ?? "64M"}`,
      "MaxThreads 2",
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(binary, ["--config-file", config], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const address = { host: "127.0.0.1", port, idleTimeoutMs: 2_000 };
  const deadline = Date.now() + 60_000;
  while (!(await pingClamd(address))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      const log = fs.existsSync(path.join(dir, "clamd.log")) ? fs.readFileSync(path.join(dir, "clamd.log"), "utf8") : "";
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`clamd did not start: ${stderr}\n${log}`.trim());
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    host: "127.0.0.1",
    port,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(killer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
