/**
 * The running SHA-256 of uploads in progress, computed on a worker thread so
 * hashing (Node's OpenSSL SHA-256, the largest CPU cost of an upload) runs
 * beside the request's own thread instead of after it: the socket, the
 * streams and the file writes go on while the previous batch is hashed.
 *
 * Node's hash state cannot be saved, so it lives in the worker's memory, per
 * item. `start` with an offset above zero rebuilds it by reading the bytes
 * already stored, once: the documented exception to "no second read" (see
 * storage.ts).
 *
 * The worker's code is a string evaluated by the worker, not a module: the
 * app is bundled by Next.js, and a separate worker file would need its own
 * bundling; these few lines only use Node's own modules.
 */
import { Worker } from "node:worker_threads";

const WORKER_SOURCE = String.raw`
const { parentPort } = require("node:worker_threads");
const crypto = require("node:crypto");
const fs = require("node:fs");
const hashes = new Map();
function rebuild(file, offset) {
  const hash = crypto.createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(Math.min(offset, 1 << 20));
    let read = 0;
    while (read < offset) {
      const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, offset - read), read);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      read += n;
    }
    if (read !== offset) throw new Error(read + " bytes on disk, " + offset + " expected");
  } finally {
    fs.closeSync(fd);
  }
  return hash;
}
parentPort.on("message", (m) => {
  try {
    let value = null;
    if (m.op === "start") hashes.set(m.id, m.offset > 0 ? rebuild(m.file, m.offset) : crypto.createHash("sha256"));
    else if (m.op === "update") {
      const hash = hashes.get(m.id);
      if (!hash) throw new Error("no running hash for this item");
      for (const part of m.parts) hash.update(new Uint8Array(part));
    } else if (m.op === "digest") {
      const hash = hashes.get(m.id);
      if (!hash) throw new Error("no running hash for this item");
      hashes.delete(m.id);
      value = hash.digest("hex");
    } else if (m.op === "drop") hashes.delete(m.id);
    parentPort.postMessage({ seq: m.seq, value });
  } catch (err) {
    parentPort.postMessage({ seq: m.seq, error: err instanceof Error ? err.message : String(err) });
  }
});
`;

type Message =
  | { op: "start"; id: string; offset: number; file: string }
  | { op: "update"; id: string; parts: ArrayBuffer[] }
  | { op: "digest"; id: string }
  | { op: "drop"; id: string };

export interface HashWorker {
  /** A running hash for the item at `offset`: empty at 0, else rebuilt from the first `offset` bytes of `file`. */
  start(id: string, offset: number, file: string): Promise<void>;
  /**
   * Hash these chunks next, in order. A chunk that is the whole of its buffer
   * is handed over (transferred, not copied: the caller must not use it
   * again); a view into a shared buffer (Node's Buffer pool) is copied.
   */
  update(id: string, chunks: readonly Uint8Array[]): Promise<void>;
  /** The hex digest; the item's hash is then dropped. */
  digest(id: string): Promise<string>;
  drop(id: string): void;
}

export function createHashWorker(): HashWorker {
  let worker: Worker | null = null;
  let seq = 0;
  const waiting = new Map<number, { resolve: (v: string | null) => void; reject: (e: Error) => void }>();

  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    worker = null;
  };

  function send(message: Message, transfer: ArrayBuffer[] = []): Promise<string | null> {
    if (!worker) {
      worker = new Worker(WORKER_SOURCE, { eval: true });
      // Never keeps a process (a test run, a script) alive on its own.
      worker.unref();
      worker.on("message", (m: { seq: number; value?: string | null; error?: string }) => {
        const w = waiting.get(m.seq);
        waiting.delete(m.seq);
        if (m.error !== undefined) w?.reject(new Error(m.error));
        else w?.resolve(m.value ?? null);
      });
      // A worker that dies takes its hashes with it: every item then rebuilds from disk on its next append.
      worker.on("error", failAll);
      worker.on("exit", () => failAll(new Error("the hashing worker stopped")));
    }
    const id = ++seq;
    const answer = new Promise<string | null>((resolve, reject) => waiting.set(id, { resolve, reject }));
    worker.postMessage({ ...message, seq: id }, transfer);
    return answer;
  }

  return {
    async start(id, offset, file) {
      await send({ op: "start", id, offset, file });
    },
    async update(id, chunks) {
      const parts: ArrayBuffer[] = [];
      const transfer = new Set<ArrayBuffer>();
      for (const chunk of chunks) {
        const buffer = chunk.buffer;
        const whole = buffer instanceof ArrayBuffer && chunk.byteOffset === 0 && chunk.byteLength === buffer.byteLength && !transfer.has(buffer);
        const own = whole ? buffer : (new Uint8Array(chunk).buffer as ArrayBuffer);
        parts.push(own);
        transfer.add(own);
      }
      await send({ op: "update", id, parts }, [...transfer]);
    },
    async digest(id) {
      return (await send({ op: "digest", id }))!;
    },
    drop(id) {
      if (worker) void send({ op: "drop", id }).catch(() => {});
    },
  };
}
