/**
 * The TCP peer address of each request, for route handlers, server actions
 * and next-auth, which in Next.js only see headers (NextRequest.ip was removed
 * in Next 15; Next copies the socket address into X-Forwarded-For only when the
 * client did not send one, so that header says whatever the client wants).
 *
 * At start-up (instrumentation.ts) we wrap http/https Server#emit so that every
 * "request" event first writes `req.socket.remoteAddress` into a header whose
 * name is random per process. The value always comes from the socket and
 * overwrites anything in the request; the name cannot be guessed, so a request
 * that reached Next before the hook was installed simply has no peer address
 * (treated as unknown), never a forged one. This works with plain `next start`
 * and `next dev`: no custom server is needed.
 */
import crypto from "node:crypto";
import http from "node:http";
import https from "node:https";

const KEY = Symbol.for("sightline.peerAddressHeader");
type Holder = typeof globalThis & { [KEY]?: string };

/** The header carrying the socket address in this process, or null before installPeerAddressHeader(). */
export function peerAddressHeaderName(): string | null {
  return (globalThis as Holder)[KEY] ?? null;
}

export function installPeerAddressHeader(): string {
  const holder = globalThis as Holder;
  if (holder[KEY]) return holder[KEY];
  const name = `x-sightline-peer-${crypto.randomBytes(12).toString("hex")}`;
  for (const Server of [http.Server, https.Server]) {
    const original = Server.prototype.emit;
    Server.prototype.emit = function emitWithPeer(this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as http.IncomingMessage;
        req.headers[name] = req.socket?.remoteAddress ?? "";
      }
      return Reflect.apply(original, this, [event, ...args]) as boolean;
    } as typeof original;
  }
  holder[KEY] = name;
  return name;
}
