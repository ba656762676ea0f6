/**
 * The local evidence store's running SHA-256 (lib/evidence/storage.ts), on a
 * temporary directory: the hash is built from the bytes as they are appended,
 * across several appends and several batches; a client that stops early
 * leaves a prefix that counts; and a store that does not hold an item's
 * running hash (a second store stands for a restarted process) takes the
 * documented exception, re-reading exactly the stored prefix once, and still
 * ends with the SHA-256 of the whole source. And an append answers only once
 * the item's bytes and its directory entry (its name) are both synced.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createLocalEvidenceStore, WRITE_BATCH_BYTES } from "@/lib/evidence/storage";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-evidence-store-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const sha256 = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

/** `bytes` in socket-sized pieces (64 KiB), as the request body arrives. */
async function* pieces(bytes: Buffer, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let o = 0; o < bytes.length; o += size) yield bytes.subarray(o, o + size);
}

/** Like `pieces`, but the connection drops after `upTo` bytes. */
async function* dropsAfter(bytes: Buffer, upTo: number): AsyncGenerator<Uint8Array> {
  yield* pieces(bytes.subarray(0, upTo));
  throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
}

const rereads = (spy: ReturnType<typeof vi.spyOn>, id: string) => spy.mock.calls.map((c) => String(c[0])).filter((m) => m.includes(`item ${id}:`) && m.includes("re-reading"));

describe("the local evidence store's running SHA-256", () => {
  it("hashes several appends of several batches as they arrive, with no re-read", async () => {
    const info = vi.spyOn(console, "info");
    const store = createLocalEvidenceStore(dir);
    const id = crypto.randomUUID();
    const source = crypto.randomBytes(2 * WRITE_BATCH_BYTES + 12_345);
    await store.create(id);
    const first = WRITE_BATCH_BYTES + 777;
    expect(await store.append(id, 0, pieces(source.subarray(0, first)))).toBe(first);
    expect(await store.storedBytes(id)).toBe(first);
    expect(await store.append(id, first, pieces(source.subarray(first)))).toBe(source.length);
    expect(await store.digest(id)).toBe(sha256(source));
    expect(fs.readFileSync(path.join(dir, id)).equals(source)).toBe(true);
    expect(rereads(info, id)).toEqual([]);
  });

  it("takes over chunks that are whole buffers (as a request body's are) without copying, in order, and copies views into a shared one", async () => {
    const info = vi.spyOn(console, "info");
    const store = createLocalEvidenceStore(dir);
    const id = crypto.randomUUID();
    const source = crypto.randomBytes(2 * WRITE_BATCH_BYTES + 54_321);
    const expected = sha256(source);
    // Each piece its own ArrayBuffer (Next.js hands the route such copies of the socket's chunks), except a few
    // views into one shared buffer, which must be copied rather than taken.
    const owned: Uint8Array[] = [];
    for (let o = 0; o < source.length; o += 64 * 1024) owned.push(new Uint8Array(source.subarray(o, o + 64 * 1024)));
    const shared = new Uint8Array(owned[3].byteLength + owned[4].byteLength);
    shared.set(owned[3]);
    shared.set(owned[4], owned[3].byteLength);
    owned[3] = shared.subarray(0, owned[3].byteLength);
    owned[4] = shared.subarray(owned[3].byteLength);
    const taken = owned[10];
    await store.create(id);
    expect(
      await store.append(
        id,
        0,
        (async function* () {
          yield* owned;
        })(),
      ),
    ).toBe(source.length);
    expect(await store.digest(id)).toBe(expected);
    expect(fs.readFileSync(path.join(dir, id)).equals(source)).toBe(true);
    // Handed to the hashing worker once written: this thread no longer holds its bytes.
    expect(taken.byteLength).toBe(0);
    expect(shared.byteLength).toBe(owned[3].byteLength + owned[4].byteLength);
    expect(rereads(info, id)).toEqual([]);
  });

  it("keeps and counts what arrived before the client dropped, and resumes after it", async () => {
    const info = vi.spyOn(console, "info");
    const store = createLocalEvidenceStore(dir);
    const id = crypto.randomUUID();
    const source = crypto.randomBytes(WRITE_BATCH_BYTES + 300_000);
    await store.create(id);
    const cut = WRITE_BATCH_BYTES + 100_000;
    await expect(store.append(id, 0, dropsAfter(source, cut))).rejects.toThrow("socket hang up");
    expect(await store.storedBytes(id)).toBe(cut);
    await expect(store.append(id, cut - 1, pieces(source.subarray(cut - 1)))).rejects.toMatchObject({ code: "EVIDENCE_OFFSET" });
    expect(await store.append(id, cut, pieces(source.subarray(cut)))).toBe(source.length);
    expect(await store.digest(id)).toBe(sha256(source));
    expect(rereads(info, id)).toEqual([]);
  });

  it("in a process that does not hold the running hash, re-reads the stored prefix once and ends with the source's SHA-256", async () => {
    const info = vi.spyOn(console, "info");
    const id = crypto.randomUUID();
    const source = crypto.randomBytes(3 * WRITE_BATCH_BYTES);
    const before = createLocalEvidenceStore(dir);
    await before.create(id);
    const cut = WRITE_BATCH_BYTES + 4096;
    await before.append(id, 0, pieces(source.subarray(0, cut)));
    // Another store (its own memory and hashing worker) stands for the app restarted after a kill.
    const after = createLocalEvidenceStore(dir);
    expect(await after.storedBytes(id)).toBe(cut);
    expect(await after.append(id, cut, pieces(source.subarray(cut)))).toBe(source.length);
    expect(await after.digest(id)).toBe(sha256(source));
    expect(rereads(info, id)).toEqual([expect.stringContaining(`re-reading the ${cut} bytes already stored, once`)]);
  });

  it("a digest asked of a complete item in a process that did not receive it re-reads it whole", async () => {
    const info = vi.spyOn(console, "info");
    const id = crypto.randomUUID();
    const source = crypto.randomBytes(100_000);
    const receiving = createLocalEvidenceStore(dir);
    await receiving.create(id);
    await receiving.append(id, 0, pieces(source));
    expect(await createLocalEvidenceStore(dir).digest(id)).toBe(sha256(source));
    expect(rereads(info, id)).toEqual([expect.stringContaining(`re-reading the ${source.length} bytes already stored, once`)]);
  });

  it("answers an append only after the file's fdatasync and one fsync of its directory (the item's name) have ended", async () => {
    // Which handles were synced, and when: the directory's sync is started at creation and waited for at the append's end.
    const events: string[] = [];
    const open = fsp.open.bind(fsp);
    vi.spyOn(fsp, "open").mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const handle = await open(...args);
      const what = path.resolve(String(args[0])) === path.resolve(dir) ? "directory" : "file";
      for (const method of ["sync", "datasync"] as const) {
        const original = handle[method].bind(handle);
        handle[method] = async () => {
          await original();
          events.push(`${what} ${method}`);
        };
      }
      return handle;
    });
    const store = createLocalEvidenceStore(dir);
    const id = crypto.randomUUID();
    const source = crypto.randomBytes(WRITE_BATCH_BYTES + 99);
    await store.create(id);
    expect(await store.append(id, 0, pieces(source))).toBe(source.length);
    events.push("append answered");
    expect(events.filter((e) => e === "directory sync")).toHaveLength(1);
    expect(events.at(-1)).toBe("append answered");
    expect(events).toContain("file datasync");
    // A second append (a resume) does not sync the directory again.
    const sourceBytes = source.length;
    // (a whole buffer is handed to the hashing worker, which detaches it: its length is read first)
    const more = crypto.randomBytes(1000);
    await store.append(id, sourceBytes, pieces(more));
    expect(events.filter((e) => e === "directory sync")).toHaveLength(1);
    // In a process that did not create the item (a restart), its first append syncs the directory once.
    const restarted = createLocalEvidenceStore(dir);
    events.length = 0;
    await restarted.append(id, sourceBytes + 1000, pieces(crypto.randomBytes(10)));
    expect(events.filter((e) => e === "directory sync")).toHaveLength(1);
  });
});
