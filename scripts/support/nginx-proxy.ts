/**
 * Debian's nginx as a reverse proxy in front of several `next start`
 * instances on loopback, run as a child process with its own prefix, config
 * and logs in a temporary directory (no root, no system service). Used by the
 * two-instance test and `npm run loadtest -- --instances 2`.
 *
 * The config is the one the README's "Deploying" section recommends, minus TLS:
 * round-robin over the instances, the client address appended to
 * X-Forwarded-For (the app reads it with TRUSTED_PROXY_HOPS=1), no request
 * buffering and no body size limit (tus uploads are streamed, and the app
 * enforces EVIDENCE_MAX_FILE_BYTES itself).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./next-app";

export interface RunningProxy {
  /** The nginx master process (its workers are its children). */
  pid: number;
  baseUrl: string;
  port: number;
  /** One line per request: `<upstream address> <status> <method> <uri>`. */
  accessLog: string;
  /** nginx's error log (warnings and errors: why an answer was a 502, say); kept in the temp directory after stop(). */
  errorLog: string;
  stop(): Promise<void>;
}

const NGINX_CANDIDATES = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"];

/** The nginx binary, or null when it is not installed (scripts/ci/install-system-packages.sh installs it). */
export function nginxBinary(): string | null {
  const found = NGINX_CANDIDATES.find((p) => fs.existsSync(p));
  if (found) return found;
  const which = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

/**
 * `gzip`: nginx compresses the JSON and HTML answers (the app then runs with
 * HTTP_COMPRESSION=proxy), the README's recommended setup.
 */
export function proxyConfig(options: { port: number; upstreams: string[]; prefix: string; gzip?: boolean }): string {
  const { port, upstreams, prefix } = options;
  const gzip = options.gzip
    ? `
  gzip on;
  gzip_proxied any;
  gzip_comp_level 1;
  gzip_min_length 1024;
  gzip_types application/json application/geo+json text/css text/plain application/javascript text/csv;`
    : "";
  const temp = (name: string) => path.join(prefix, name);
  return `worker_processes 1;
pid ${temp("nginx.pid")};
error_log ${temp("error.log")} warn;
events { worker_connections 1024; }
http {
  log_format upstreams '$upstream_addr $status $request_method $request_uri';
  access_log ${temp("access.log")} upstreams;
  client_body_temp_path ${temp("client_body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};${gzip}

  upstream sightline {
${upstreams.map((u) => `    server ${u} max_fails=0;`).join("\n")}
    keepalive 32;
    # Shorter than Node.js's keep-alive timeout (5 s, next start's default): nginx must never send a request on a
    # connection the app is closing as idle. A POST caught so is not retried (it is not idempotent): it is a 502.
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 0;
    proxy_request_buffering off;
    proxy_buffering off;
    location / {
      proxy_pass http://sightline;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 120s;
    }
  }
}
`;
}

export async function startNginxProxy(options: { upstreams: string[]; port?: number; gzip?: boolean }): Promise<RunningProxy> {
  const binary = nginxBinary();
  if (!binary) throw new Error("nginx is not installed (scripts/ci/install-system-packages.sh installs Debian's nginx)");
  const port = options.port ?? (await freePort());
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-nginx-"));
  const conf = path.join(prefix, "nginx.conf");
  fs.writeFileSync(conf, proxyConfig({ port, upstreams: options.upstreams, prefix, gzip: options.gzip }));
  // -e: the error log before the config is read (the default path is root's); daemon off: stays our child.
  const child: ChildProcess = spawn(binary, ["-p", prefix, "-c", conf, "-e", path.join(prefix, "error.log"), "-g", "daemon off;"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      const log = fs.existsSync(path.join(prefix, "error.log")) ? fs.readFileSync(path.join(prefix, "error.log"), "utf8") : "";
      throw new Error(`nginx exited (${child.exitCode}): ${stderr}${log}`);
    }
    try {
      await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not listen on ${baseUrl}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const keptErrorLog = `${prefix}-error.log`;
  return {
    pid: child.pid!,
    baseUrl,
    port,
    accessLog: path.join(prefix, "access.log"),
    errorLog: keptErrorLog,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGQUIT: graceful shutdown (finish the requests in flight).
        child.kill("SIGQUIT");
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.kill("SIGKILL");
            resolve();
          }, 5000);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      const errorLog = path.join(prefix, "error.log");
      if (fs.existsSync(errorLog) && fs.statSync(errorLog).size > 0) fs.copyFileSync(errorLog, keptErrorLog);
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}

export interface LoggedRequest {
  upstream: string;
  status: number;
  method: string;
  uri: string;
}

export function loggedRequests(accessLog: string): LoggedRequest[] {
  if (!fs.existsSync(accessLog)) return [];
  return fs
    .readFileSync(accessLog, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [upstream, status, method, uri] = line.split(" ");
      return { upstream, status: Number(status), method, uri };
    });
}

/**
 * The logged requests matching `match`, once there are at least `count` of
 * them: nginx writes a line after it has finished the request, which can be a
 * moment after the client has read the whole answer.
 */
export async function waitForLogged(accessLog: string, match: (r: LoggedRequest) => boolean, count: number, timeoutMs = 5000): Promise<LoggedRequest[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = loggedRequests(accessLog).filter(match);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}
