/**
 * Where evidence bytes live, behind one small interface (an S3-compatible
 * store could implement it later). The local store keeps each item as a file
 * named by its id under EVIDENCE_DIR; the uploaded name is data, never a path.
 *
 * The SHA-256 is computed while bytes arrive, with Node's own (OpenSSL) hash
 * on a worker thread (hash-worker.ts): about 4× the speed of the WebAssembly
 * hasher whose state we used to save beside the file, which capped uploads at
 * ~130 MiB/s (docs/benchmarks.md), and beside the request's thread rather
 * than on it. Node's hash state cannot be saved, so it lives in memory, per
 * item, with the offset it covers. The one exception to "no second read": an
 * append or a digest in a process that does not hold the item's running hash
 * at that offset (the app was restarted or killed mid-upload, another
 * instance took the previous PATCH, or the hash was dropped) re-reads the
 * bytes already stored, once, to rebuild it, and logs that it did.
 *
 * The file is always a prefix of the upload: at most one write is in flight
 * and each starts where the last one ended, so a process killed mid-write
 * leaves whole bytes behind, never a hole. Those bytes count (tus resumes
 * after them) and a rebuilt hash covers exactly them. Every append ends with
 * an fdatasync before tus acknowledges the new offset.
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { createHashWorker } from "./hash-worker";

export interface EvidenceStore {
  /** An empty item, ready to receive bytes. */
  create(id: string): Promise<void>;
  /** Bytes received so far (waits for an append still running). */
  storedBytes(id: string): Promise<number>;
  /**
   * Append a stream at `offset`, hashing as it goes; resolves with the new offset (also when the source stops early).
   * A chunk that is the whole of its ArrayBuffer (as a request body's are) is handed to the hashing worker once
   * written, which detaches it: pass chunks nothing else still reads.
   */
  append(id: string, offset: number, source: AsyncIterable<Uint8Array>): Promise<number>;
  /** SHA-256 (hex) of everything stored: the running hash, or one re-read in a process that does not hold it. */
  digest(id: string): Promise<string>;
  /** The first `bytes` bytes (content sniffing). */
  head(id: string, bytes: number): Promise<Buffer>;
  /** The whole item, or a range of it (inclusive `end`). */
  read(id: string, range?: { start: number; end: number }): Readable;
  /** A path on local disk for tools that need one (ffprobe), or null for a remote store. */
  localPath(id: string): string | null;
  /** Side files kept with an item (a poster frame). */
  sidePath(id: string, suffix: string): string;
  remove(id: string): Promise<void>;
}

/**
 * Received chunks (64 KiB from the socket) are written in batches of this
 * size with one writev, then the batch's buffers are handed (transferred, not
 * copied) to the hashing worker: fewer trips to libuv's thread pool and to the
 * worker, and no copy of the bytes on the request's thread.
 */
export const WRITE_BATCH_BYTES = 4 * 2 ** 20;
/** Batches being written or hashed, per append, before the append waits for the oldest (memory stays bounded). */
const HASH_BATCHES_IN_FLIGHT = 2;
/**
 * During a long append, an fdatasync is started (not waited for) after about
 * this many new bytes, so the disk writes back while the socket and the hash
 * run, instead of all at the final fdatasync. (16 MiB was tried, 2026-11-29:
 * the final fdatasync of a 128 MiB upload fell from 109-164 to 37-49 ms, but
 * the body took longer in both paired runs at load ~10; not kept, see
 * docs/benchmarks.md.)
 */
export const BACKGROUND_FLUSH_BYTES = 64 * 2 ** 20;
/** Running hashes held for uploads in progress; the least recently used beyond this is dropped (and rebuilt by a re-read if its upload resumes). */
const MAX_LIVE_HASHES = 1024;

const ITEM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Write all of `chunks` at `position` (writev may write less than asked: the rest follows). */
async function writeAllAt(handle: fsp.FileHandle, chunks: Uint8Array[], position: number): Promise<void> {
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  let done = (await handle.writev(chunks, position)).bytesWritten;
  if (done === total) return;
  const all = Buffer.concat(chunks);
  while (done < total) done += (await handle.write(all, done, total - done, position + done)).bytesWritten;
}

export function createLocalEvidenceStore(directory: string): EvidenceStore {
  const dir = path.resolve(directory);
  const file = (id: string) => {
    // Ids come from us (uuids), but the tus URL carries them: never let one become a path.
    if (!ITEM_ID.test(id)) throw Object.assign(new Error("not an evidence item id"), { code: "EVIDENCE_BAD_ID" });
    return path.join(dir, id);
  };
  /**
   * The directory entry of each item created here: fsynced once, started at creation and waited for (with the
   * file's own fdatasync) before an append answers, so a received file's name is as durable as its bytes. An item
   * not in the map (created by another process, or forgotten) has its directory synced again: harmless.
   */
  const entries = new Map<string, Promise<void>>();
  const syncDirectory = async () => {
    const handle = await fsp.open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  };
  const entryDurable = (id: string): Promise<void> => {
    let synced = entries.get(id);
    if (!synced) {
      synced = syncDirectory();
      entries.set(id, synced);
      if (entries.size > MAX_LIVE_HASHES) entries.delete(entries.keys().next().value!);
    }
    // A failed sync is tried again next time.
    synced.catch(() => {
      if (entries.get(id) === synced) entries.delete(id);
    });
    return synced;
  };
  /** Whether EVIDENCE_DIR is known to exist (created once, not on every upload). */
  let dirReady = false;
  /** Left beside items by the version that saved a WebAssembly hasher's state; only ever removed now. */
  const legacyCheckpointFile = (id: string) => `${file(id)}.sha256-state`;

  const hashing = createHashWorker();
  /** Items whose running hash the worker holds, with the offset it covers (Map order = least recently used first). */
  const live = new Map<string, number>();
  const keep = (id: string, offset: number) => {
    live.delete(id);
    live.set(id, offset);
    if (live.size > MAX_LIVE_HASHES) {
      const oldest = live.keys().next().value!;
      live.delete(oldest);
      hashing.drop(oldest);
    }
  };

  /**
   * Make sure the worker holds the item's running hash at `offset`: the one
   * it has when this process hashed the item up to there, else rebuilt by
   * re-reading the stored prefix once (the exception to hashing only while
   * bytes arrive: see the top of this file). Taken out of `live` while in
   * use, so a failed append never leaves a hash that does not match the file.
   */
  async function takeHashAt(id: string, offset: number): Promise<void> {
    const held = live.get(id);
    live.delete(id);
    if (held === offset) return;
    if (offset > 0) {
      console.info(
        `[evidence] item ${id}: this process does not hold its running SHA-256 at byte ${offset} (restarted, another instance, or dropped); re-reading the ${offset} bytes already stored, once`,
      );
    }
    await hashing.start(id, offset, file(id));
  }

  /**
   * Appends still running, by item. @tus/server's pipeline rejects as soon as
   * the client's stream fails, before an append has written and synced what
   * it holds, and releases the upload's lock: the next look at the item waits
   * for it, or it would see a size that is still growing.
   */
  const appending = new Map<string, Promise<number>>();
  const settled = async (id: string) => {
    await appending.get(id)?.catch(() => {});
  };

  async function appendNow(id: string, offset: number, source: AsyncIterable<Uint8Array>): Promise<number> {
    const { size } = await fsp.stat(file(id));
    if (size !== offset) throw Object.assign(new Error(`offset ${offset} does not match the stored ${size}`), { code: "EVIDENCE_OFFSET" });
    await takeHashAt(id, offset);
    const handle = await fsp.open(file(id), "r+");
    let position = offset;
    let batch: Uint8Array[] = [];
    let batchBytes = 0;
    /** The one write in flight (the file stays a prefix of the upload). */
    let writing: Promise<void> | null = null;
    /** Batches the worker is hashing, oldest first. */
    const hashed: Promise<void>[] = [];
    let flushing: Promise<void> | null = null;
    let flushedAt = offset;
    let failed = false;
    const startWrite = async () => {
      if (writing) await writing;
      if (batchBytes === 0) return;
      const chunks = batch;
      const at = position;
      position += batchBytes;
      batch = [];
      batchBytes = 0;
      const written = writeAllAt(handle, chunks, at);
      writing = written;
      // Awaited later; until then a failure must not count as unhandled (it would stop the process).
      written.catch(() => {});
      // Once written, the batch's own buffers move to the worker (no copy on this thread). Writes
      // run one at a time and each hands its batch over before the next starts, so the hash sees
      // the batches in file order.
      const hashingBatch = written.then(() => hashing.update(id, chunks));
      hashingBatch.catch(() => {});
      hashed.push(hashingBatch);
      if (hashed.length > HASH_BATCHES_IN_FLIGHT) await hashed.shift();
      if (!flushing && position - flushedAt >= BACKGROUND_FLUSH_BYTES) {
        const through = position;
        // Only a head start for the final fdatasync: its own errors surface there.
        flushing = writing
          .then(() => handle.datasync())
          .catch(() => {})
          .finally(() => {
            flushedAt = through;
            flushing = null;
          });
      }
    };
    try {
      for await (const chunk of source) {
        const bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk as ArrayBuffer);
        batch.push(bytes);
        batchBytes += bytes.byteLength;
        if (batchBytes >= WRITE_BATCH_BYTES) await startWrite();
      }
    } finally {
      // Whatever arrived before the client stopped is kept, hashed and counted: tus resumes after it.
      try {
        await startWrite();
        if (writing) await writing;
        while (hashed.length > 0) await hashed.shift();
        if (flushing) await flushing;
        await Promise.all([handle.datasync(), entryDurable(id)]);
      } catch (err) {
        failed = true;
        throw err;
      } finally {
        await handle.close();
        // A hash that did not see exactly the bytes in the file is dropped: the next append rebuilds it from disk.
        await Promise.allSettled(hashed);
        if (failed) hashing.drop(id);
        else keep(id, position);
      }
    }
    return position;
  }

  return {
    async create(id) {
      const path_ = file(id);
      let handle: fsp.FileHandle;
      try {
        if (!dirReady) await fsp.mkdir(dir, { recursive: true });
        handle = await fsp.open(path_, "wx");
      } catch (err) {
        // EVIDENCE_DIR removed while the app ran: make it again.
        if (!dirReady || (err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
        dirReady = false;
        await fsp.mkdir(dir, { recursive: true });
        handle = await fsp.open(path_, "wx");
      }
      dirReady = true;
      await handle.close();
      // Runs while the client sends the bytes; the first append's end waits for it.
      entryDurable(id).catch(() => {});
    },

    async storedBytes(id) {
      await settled(id);
      return (await fsp.stat(file(id))).size;
    },

    async append(id, offset, source) {
      await settled(id);
      const running = appendNow(id, offset, source);
      appending.set(id, running);
      try {
        return await running;
      } finally {
        if (appending.get(id) === running) appending.delete(id);
      }
    },

    async digest(id) {
      await settled(id);
      await takeHashAt(id, (await fsp.stat(file(id))).size);
      // Only asked once the last byte is in: the upload is over, the worker drops its hash.
      return hashing.digest(id);
    },

    async head(id, bytes) {
      const handle = await fsp.open(file(id), "r");
      try {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },

    read(id, range) {
      return fs.createReadStream(file(id), range ? { start: range.start, end: range.end } : {});
    },

    localPath(id) {
      return file(id);
    },

    sidePath(id, suffix) {
      if (!/^\.[a-z0-9.-]+$/.test(suffix)) throw new Error("bad side-file suffix");
      return `${file(id)}${suffix}`;
    },

    async remove(id) {
      if (live.delete(id)) hashing.drop(id);
      entries.delete(id);
      for (const p of [file(id), legacyCheckpointFile(id), `${legacyCheckpointFile(id)}.tmp`, `${file(id)}.poster.jpg`]) await fsp.rm(p, { force: true });
    },
  };
}
