/**
 * Where evidence bytes live, behind one small interface (an S3-compatible
 * store could implement it later). The local store keeps each item as a file
 * named by its id under EVIDENCE_DIR; the uploaded name is data, never a path.
 *
 * The SHA-256 is computed while bytes arrive, never by a second read: every
 * append feeds a resumable hasher (hash-wasm, whose state can be saved) and
 * checkpoints `{ offset, state }` beside the file. A checkpoint is only written
 * after the bytes it covers are on disk (fdatasync), so after a crash the file
 * may be LONGER than the checkpoint, never shorter: `storedBytes` cuts the
 * unhashed tail and the client resends it (tus resumes from that offset).
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { createSHA256, type IHasher } from "hash-wasm";

export interface EvidenceStore {
  /** An empty item, ready to receive bytes. */
  create(id: string): Promise<void>;
  /** Bytes received and hashed so far (after a crash, the unhashed tail is cut). */
  storedBytes(id: string): Promise<number>;
  /** Append a stream at `offset`, hashing as it goes; resolves with the new offset (also when the source stops early). */
  append(id: string, offset: number, source: AsyncIterable<Uint8Array>): Promise<number>;
  /** SHA-256 (hex) of everything stored, from the saved hasher state. */
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

/** How often (bytes) the hasher state is checkpointed during one append. */
export const CHECKPOINT_BYTES = 32 * 1024 * 1024;

interface Checkpoint {
  offset: number;
  /** hash-wasm SHA-256 state after `offset` bytes, base64; null at offset 0. */
  state: string | null;
}

const ITEM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createLocalEvidenceStore(directory: string): EvidenceStore {
  const dir = path.resolve(directory);
  const file = (id: string) => {
    // Ids come from us (uuids), but the tus URL carries them: never let one become a path.
    if (!ITEM_ID.test(id)) throw Object.assign(new Error("not an evidence item id"), { code: "EVIDENCE_BAD_ID" });
    return path.join(dir, id);
  };
  const checkpointFile = (id: string) => `${file(id)}.sha256-state`;

  async function readCheckpoint(id: string): Promise<Checkpoint> {
    try {
      const cp = JSON.parse(await fsp.readFile(checkpointFile(id), "utf8")) as Checkpoint;
      if (typeof cp.offset === "number" && (cp.state === null || typeof cp.state === "string")) return cp;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    return { offset: 0, state: null };
  }

  async function writeCheckpoint(id: string, cp: Checkpoint): Promise<void> {
    const target = checkpointFile(id);
    const tmp = `${target}.tmp`;
    const handle = await fsp.open(tmp, "w");
    try {
      await handle.writeFile(JSON.stringify(cp));
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await fsp.rename(tmp, target);
  }

  async function hasherAt(cp: Checkpoint): Promise<IHasher> {
    const hasher = await createSHA256();
    hasher.init();
    if (cp.state) hasher.load(Buffer.from(cp.state, "base64"));
    return hasher;
  }

  /** Only when a checkpoint is ahead of the file (storage lost acknowledged bytes): hash what is really there. */
  async function rebuildCheckpoint(id: string, size: number): Promise<void> {
    const hasher = await createSHA256();
    hasher.init();
    for await (const chunk of fs.createReadStream(file(id), { start: 0, end: Math.max(0, size - 1) })) if (size > 0) hasher.update(chunk as Buffer);
    await writeCheckpoint(id, { offset: size, state: Buffer.from(hasher.save()).toString("base64") });
  }

  /**
   * Appends still running, by item. @tus/server's pipeline rejects as soon as
   * the client's stream fails, before an append has saved its checkpoint, and
   * releases the upload's lock: the next look at the item waits for it, or it
   * would see unhashed bytes and cut them.
   */
  const appending = new Map<string, Promise<number>>();
  const settled = async (id: string) => {
    await appending.get(id)?.catch(() => {});
  };

  async function appendNow(id: string, offset: number, source: AsyncIterable<Uint8Array>): Promise<number> {
    const cp = await readCheckpoint(id);
    if (cp.offset !== offset) throw Object.assign(new Error(`offset ${offset} does not match the stored ${cp.offset}`), { code: "EVIDENCE_OFFSET" });
    const hasher = await hasherAt(cp);
    const handle = await fsp.open(file(id), "r+");
    let position = offset;
    let sinceCheckpoint = 0;
    try {
      for await (const chunk of source) {
        const bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk as ArrayBuffer);
        let written = 0;
        while (written < bytes.byteLength) {
          const { bytesWritten } = await handle.write(bytes, written, bytes.byteLength - written, position + written);
          written += bytesWritten;
        }
        hasher.update(bytes);
        position += bytes.byteLength;
        sinceCheckpoint += bytes.byteLength;
        if (sinceCheckpoint >= CHECKPOINT_BYTES) {
          await handle.datasync();
          await writeCheckpoint(id, { offset: position, state: Buffer.from(hasher.save()).toString("base64") });
          sinceCheckpoint = 0;
        }
      }
    } finally {
      // Whatever arrived before the client stopped is kept and counted: tus resumes from here.
      try {
        if (sinceCheckpoint > 0) {
          await handle.datasync();
          await writeCheckpoint(id, { offset: position, state: Buffer.from(hasher.save()).toString("base64") });
        }
      } finally {
        await handle.close();
      }
    }
    return position;
  }

  return {
    async create(id) {
      await fsp.mkdir(dir, { recursive: true });
      await fsp.writeFile(file(id), new Uint8Array(0), { flag: "wx" });
      await writeCheckpoint(id, { offset: 0, state: null });
    },

    async storedBytes(id) {
      await settled(id);
      const { size } = await fsp.stat(file(id));
      const cp = await readCheckpoint(id);
      if (size > cp.offset) {
        await fsp.truncate(file(id), cp.offset);
        return cp.offset;
      }
      if (size < cp.offset) {
        console.warn(`[evidence] item ${id}: stored bytes (${size}) behind the hash checkpoint (${cp.offset}); re-hashing what is on disk`);
        await rebuildCheckpoint(id, size);
      }
      return size;
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
      const hasher = await hasherAt(await readCheckpoint(id));
      return hasher.digest("hex");
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
      for (const p of [file(id), checkpointFile(id), `${checkpointFile(id)}.tmp`, `${file(id)}.poster.jpg`]) await fsp.rm(p, { force: true });
    },
  };
}
