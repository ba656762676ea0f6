/**
 * A small clamd client: INSTREAM over TCP, one connection per scan, the file
 * streamed in framed chunks with backpressure (never buffered whole), so a
 * 4 GiB recorder export costs a socket buffer, not its size in memory.
 *
 * Written here rather than taken from npm: `clamscan` answers null instead of
 * an error when clamd replies "COMMAND READ TIMED OUT" (kylefarris/clamscan#69)
 * and probes local binaries on init; `clamdjs` (one release) destroys the
 * socket after its timeout counted from the start of the scan, which a large
 * file always exceeds, and does not parse the signature name. The protocol is
 * four commands' worth of framing (clamd(8): zINSTREAM, zPING, zVERSION).
 */
import net from "node:net";

export interface ClamdAddress {
  host: string;
  port: number;
  /** No byte in either direction for this long: give up (clamd's own ReadTimeout is 120 s). */
  idleTimeoutMs: number;
}

export type ClamdVerdict = { verdict: "clean" } | { verdict: "infected"; signature: string };

/** clamd could not give a verdict: unreachable, timed out, refused the stream (e.g. over StreamMaxLength), or spoke nonsense. */
export class ClamdError extends Error {
  constructor(
    message: string,
    readonly kind: "unreachable" | "timeout" | "refused" | "protocol",
  ) {
    super(message);
    this.name = "ClamdError";
  }
}

/** clamd takes chunks of any size up to StreamMaxLength; small frames keep memory flat and writes fair. */
const MAX_FRAME_BYTES = 256 * 1024;

/** One command on its own connection; resolves with clamd's NUL-terminated reply (without the NUL). */
function converse(address: ClamdAddress, send: (socket: net.Socket, replied: Promise<string>) => Promise<void>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = net.connect({ host: address.host, port: address.port });
    let connected = false;
    let settled = false;
    const chunks: Buffer[] = [];
    let replyResolve!: (reply: string) => void;
    const replied = new Promise<string>((r) => (replyResolve = r));
    const finish = (err: Error | null, reply?: string) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (err) reject(err);
      else resolve(reply ?? "");
    };
    const replyText = () => Buffer.concat(chunks).toString("utf8").replace(/\0+$/, "").trim();
    socket.setTimeout(address.idleTimeoutMs, () => finish(new ClamdError(`clamd at ${address.host}:${address.port} sent nothing for ${address.idleTimeoutMs} ms`, "timeout")));
    socket.on("data", (data: Buffer) => {
      chunks.push(data);
      // A z-command's reply ends with NUL; clamd may send it before we finish (e.g. size limit exceeded).
      if (data.includes(0)) {
        replyResolve(replyText());
        finish(null, replyText());
      }
    });
    socket.on("end", () => {
      replyResolve(replyText());
      if (chunks.length) finish(null, replyText());
      else finish(new ClamdError(`clamd at ${address.host}:${address.port} closed the connection without a reply`, "protocol"));
    });
    socket.on("error", (err: NodeJS.ErrnoException) => {
      // After the reply arrived, a write into the closed socket (EPIPE/ECONNRESET) changes nothing.
      if (chunks.length && Buffer.concat(chunks).includes(0)) return finish(null, replyText());
      if (!connected) return finish(new ClamdError(`clamd at ${address.host}:${address.port} is unreachable (${err.code ?? err.message})`, "unreachable"));
      // clamd closes the connection right after refusing a stream over its StreamMaxLength; when our next
      // write hits the closed socket first, Node drops the reply that was on its way.
      if (err.code === "EPIPE" || err.code === "ECONNRESET") {
        return finish(new ClamdError(`clamd closed the connection while the file was being sent (${err.code}); most often the file is larger than clamd's StreamMaxLength`, "refused"));
      }
      finish(new ClamdError(`clamd connection failed: ${err.code ?? err.message}`, "unreachable"));
    });
    socket.on("connect", () => {
      connected = true;
      send(socket, replied).catch((err: unknown) => finish(err instanceof Error ? err : new Error(String(err))));
    });
  });
}

/** Write, waiting for the socket to drain when its buffer is full; stops waiting once clamd has replied. */
async function writeFramed(socket: net.Socket, data: Uint8Array, replied: Promise<string>): Promise<boolean> {
  if (socket.destroyed) return false;
  if (socket.write(data)) return true;
  const drained = new Promise<boolean>((resolve) => {
    const onDrain = () => {
      socket.off("close", onClose);
      resolve(true);
    };
    const onClose = () => {
      socket.off("drain", onDrain);
      resolve(false);
    };
    socket.once("drain", onDrain);
    socket.once("close", onClose);
  });
  return Promise.race([drained, replied.then(() => false)]);
}

function frameHeader(length: number): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(length, 0);
  return header;
}

/** clamd's INSTREAM reply: "stream: OK", "stream: <signature> FOUND", or "... ERROR". */
export function parseScanReply(reply: string): ClamdVerdict {
  if (/^stream: OK$/.test(reply)) return { verdict: "clean" };
  const found = /^stream: (.+) FOUND$/.exec(reply);
  if (found) return { verdict: "infected", signature: found[1] };
  if (/ERROR$/.test(reply)) throw new ClamdError(`clamd refused the scan: ${reply}`, "refused");
  throw new ClamdError(`unexpected reply from clamd: ${reply.slice(0, 200)}`, "protocol");
}

/** Scan a stream of bytes with clamd's INSTREAM. Throws ClamdError when no verdict could be had. */
export async function scanWithClamd(address: ClamdAddress, source: AsyncIterable<Uint8Array>): Promise<ClamdVerdict> {
  const reply = await converse(address, async (socket, replied) => {
    let answeredEarly = false;
    replied.then(() => (answeredEarly = true));
    if (!(await writeFramed(socket, Buffer.from("zINSTREAM\0", "latin1"), replied))) return;
    for await (const chunk of source) {
      for (let start = 0; start < chunk.byteLength; start += MAX_FRAME_BYTES) {
        const frame = chunk.subarray(start, Math.min(chunk.byteLength, start + MAX_FRAME_BYTES));
        if (answeredEarly || !(await writeFramed(socket, frameHeader(frame.byteLength), replied))) return;
        if (!(await writeFramed(socket, frame, replied))) return;
      }
    }
    await writeFramed(socket, frameHeader(0), replied);
  });
  return parseScanReply(reply);
}

/** clamd's engine and signature database version ("ClamAV 1.4.6/27000/…"), for the custody record. */
export async function clamdVersion(address: ClamdAddress): Promise<string> {
  return converse(address, async (socket, replied) => {
    await writeFramed(socket, Buffer.from("zVERSION\0", "latin1"), replied);
  });
}

/** True when clamd answers PONG. */
export async function pingClamd(address: ClamdAddress): Promise<boolean> {
  try {
    return (await converse(address, async (socket, replied) => void (await writeFramed(socket, Buffer.from("zPING\0", "latin1"), replied)))) === "PONG";
  } catch {
    return false;
  }
}
