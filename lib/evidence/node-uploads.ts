import "server-only";
/**
 * tus PATCH requests (the upload's bytes) taken from Node.js's HTTP server
 * before Next.js sees them, and handled by the same tus server and store as
 * the route (app/api/uploads/[[...path]]/route.ts): same checks, same lock,
 * same receipt. Only the body's path differs. Through a route handler, Next.js
 * copies every chunk of the request into a Web stream (with no backpressure)
 * and @tus/server turns that back into a Node stream and pipes it through two
 * more; reading the request itself costs about a third less CPU per byte
 * (512 MiB PATCH, measured at load 6-7: 1.2 s vs 1.75 s of the app's CPU),
 * and an upload is CPU-bound here (the hash, the socket, the page cache).
 *
 * Installed at start (lib/startup/on-server-start.ts) the way the peer address
 * is (lib/http/peer-address.ts): by wrapping http.Server#emit, so plain
 * `next start`, `next dev` and two instances behind nginx all keep working;
 * creation (POST), HEAD and OPTIONS still go through the route, as does a
 * PATCH that arrives before the hook is installed.
 */
import http from "node:http";
import https from "node:https";
import { FIXED_SECURITY_HEADERS } from "@/lib/http/fixed-security-headers.js";
import { peerAddressHeaderName } from "@/lib/http/peer-address";
import { tusServer, UPLOADS_PATH, withNodeBody } from "./tus-server";

const KEY = Symbol.for("sightline.nodeUploads");
type Holder = typeof globalThis & { [KEY]?: true };

/** PATCH /api/uploads/{id}: one path segment after the uploads path (tus checks the id itself). */
export function isUploadPatch(req: http.IncomingMessage): boolean {
  if (req.method !== "PATCH" || !req.url) return false;
  const path = req.url.split("?", 1)[0];
  return path.startsWith(`${UPLOADS_PATH}/`) && path.indexOf("/", UPLOADS_PATH.length + 1) === -1;
}

function webHeaders(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  // The socket's address, as every request to Next.js carries it (lib/http/peer-address.ts), whatever the order of the hooks.
  const peer = peerAddressHeaderName();
  if (peer) headers.set(peer, req.socket?.remoteAddress ?? "");
  return headers;
}

/** Answer one tus PATCH from Node.js's request and response. */
export async function handleUploadPatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    // Only the path matters to tus (relativeLocation); the body is given to the store separately.
    const request = new Request(new URL(req.url ?? "/", "http://localhost"), { method: "PATCH", headers: webHeaders(req) });
    const response = await tusServer().handleWeb(withNodeBody(request, req));
    const body = Buffer.from(await response.arrayBuffer());
    const headers = new Map<string, string>();
    for (const [name, value] of response.headers) headers.set(name, value);
    // What next.config.js sets on every other answer of the app.
    for (const { key, value } of FIXED_SECURITY_HEADERS) headers.set(key.toLowerCase(), value);
    // A body tus stopped reading (refused, too long) is not drained: the connection closes after the answer.
    if (!req.complete) headers.set("connection", "close");
    res.writeHead(response.status, Object.fromEntries(headers));
    res.end(body);
  } catch (err) {
    console.error("[uploads]", err instanceof Error ? err.message : err);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json", connection: "close" });
    res.end(JSON.stringify({ error: "the upload could not be stored; try again" }));
  }
}

/** From now on, PATCH /api/uploads/{id} on any HTTP(S) server of this process is answered by handleUploadPatch. */
export function installNodeUploads(): void {
  const holder = globalThis as Holder;
  if (holder[KEY]) return;
  for (const Server of [http.Server, https.Server]) {
    const original = Server.prototype.emit;
    Server.prototype.emit = function emitUploadPatch(this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === "request" && isUploadPatch(args[0] as http.IncomingMessage)) {
        void handleUploadPatch(args[0] as http.IncomingMessage, args[1] as http.ServerResponse);
        return true;
      }
      return Reflect.apply(original, this, [event, ...args]) as boolean;
    } as typeof original;
  }
  holder[KEY] = true;
}
