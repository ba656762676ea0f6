/**
 * Evidence uploads through the real app (issue 17's performance goals):
 *
 * - uploadVsFsWriteRatio: an owner's tus upload over loopback HTTP to
 *   `next start` (POST /api/uploads with the link's token, then one PATCH of
 *   the whole file: the route, the running SHA-256, the writes and their final
 *   fdatasync, the receipt) against a plain `fs` write of the same bytes
 *   to the same disk (chunk by chunk, then one fdatasync, so both end durable),
 *   as throughput ratio: fs write time / upload time, at each size asked for
 *   (the goal holds at every size: the figure is the lowest). Rounds alternate
 *   the two so a burst of load from another process hits both; the best of
 *   each is compared (the least disturbed run of each).
 * - uploadRssGrowthMb: the app's resident memory (its whole process tree,
 *   VmRSS sampled every 50 ms) during the upload, minus what it was just before
 *   (after a small warm-up upload compiled the route).
 *
 * The bytes are a 16 MiB random block repeated (the hash and the disk cannot
 * tell), streamed from memory by both sides, so the source costs the same.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { sql } from "drizzle-orm";
import { footageRequests } from "../../db/schema";
import { generateUploadToken, hashUploadToken } from "../../lib/evidence/tokens";
import { benchPoint, DEFAULT_SEED, generateSites } from "./generate-sites";
import { startApp } from "./support/app-server";
import { createBenchDatabase } from "./support/bench-database";
import { processesCpuMs, processesRssMb, processTree, round } from "./support/stats";
import { UPLOAD_RATIO_GOAL } from "./goals";

/** The sizes `npm run bench` uploads unless --upload-mib says otherwise: small enough to sit in the disk's write cache, and the 2 GiB the memory goal names. */
export const DEFAULT_UPLOAD_MIB = "128,512,2048";

const BLOCK = crypto.randomBytes(16 * 2 ** 20);
/** What a client writes at a time (tus-js-client hands the browser's fetch slices of about this size). */
const CHUNK = 2 ** 20;
const MiB = 2 ** 20;

/** `bytes` of the repeated random block, as CHUNK-sized views (no copies). */
function* sourceChunks(bytes: number): Generator<Buffer> {
  for (let offset = 0; offset < bytes; offset += CHUNK) {
    const start = offset % BLOCK.length;
    yield BLOCK.subarray(start, start + Math.min(CHUNK, bytes - offset));
  }
}

/** The baseline: the same bytes written to a file chunk by chunk (FileHandle.write), then one fdatasync. */
async function fsWrite(file: string, bytes: number): Promise<number> {
  const started = performance.now();
  const handle = await fsp.open(file, "w");
  try {
    for (const chunk of sourceChunks(bytes)) {
      let written = 0;
      while (written < chunk.length) written += (await handle.write(chunk, written, chunk.length - written)).bytesWritten;
    }
    await handle.datasync();
  } finally {
    await handle.close();
  }
  return performance.now() - started;
}

interface UploadTarget {
  baseUrl: string;
  token: string;
}

async function createUpload(target: UploadTarget, bytes: number): Promise<string> {
  const metadata = [["token", target.token], ["filename", "NVR export.bin"], ["filetype", "application/octet-stream"]].map(([k, v]) => `${k} ${Buffer.from(v).toString("base64")}`).join(",");
  const res = await fetch(`${target.baseUrl}/api/uploads`, { method: "POST", headers: { "tus-resumable": "1.0.0", "upload-length": String(bytes), "upload-metadata": metadata } });
  if (res.status !== 201) throw new Error(`upload creation answered ${res.status}: ${await res.text()}`);
  return res.headers.get("location")!.split("/").pop()!;
}

/**
 * Where one upload's time went, ms: the creation POST, the PATCH body until its last byte was handed to the socket,
 * then until the 204 (the last batch's write and hash, the fdatasync, the receipt); and the CPU time the app's
 * process tree used meanwhile (all threads: the request, the hashing worker, the file writes), null off Linux.
 */
export interface UploadPhases {
  creationMs: number;
  bodyMs: number;
  tailMs: number;
  appCpuMs?: number | null;
}

/** One PATCH with the whole file, streamed with backpressure; resolves with the time from creation to the 204, and its phases. */
async function upload(target: UploadTarget, bytes: number): Promise<{ ms: number; id: string; phases: UploadPhases }> {
  const started = performance.now();
  const id = await createUpload(target, bytes);
  const created = performance.now();
  let sent = created;
  await new Promise<void>((resolve, reject) => {
    const req = http.request(`${target.baseUrl}/api/uploads/${id}`, {
      method: "PATCH",
      headers: { "tus-resumable": "1.0.0", "x-footage-token": target.token, "upload-offset": "0", "content-type": "application/offset+octet-stream", "content-length": String(bytes) },
    });
    req.on("error", reject);
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 204 ? resolve() : reject(new Error(`PATCH answered ${res.statusCode}`))));
    });
    void (async () => {
      for (const chunk of sourceChunks(bytes)) {
        if (!req.write(chunk)) await new Promise<void>((r) => req.once("drain", () => r()));
      }
      req.end(() => {
        sent = performance.now();
      });
    })().catch(reject);
  });
  const done = performance.now();
  return { ms: done - started, id, phases: { creationMs: round(created - started, 0), bodyMs: round(sent - created, 0), tailMs: round(done - sent, 0) } };
}

/** One size's figures: best of its rounds on each side. */
export interface UploadSizeFigures {
  mib: number;
  uploadMiBPerSec: number;
  fsWriteMiBPerSec: number;
  /** fs write time / upload time (goal ≥ 0.5 at every size). */
  ratio: number;
  /** Largest growth of the app's RSS over this size's rounds, MB. */
  rssGrowthMb: number | null;
  uploadsMs: number[];
  writesMs: number[];
  /** Each upload round's phases (creation POST, body sent, last byte to the 204), ms. */
  uploadPhases: UploadPhases[];
}

export interface UploadFigures {
  /** The largest size measured (the memory goal is stated at 2048 MiB). */
  uploadMiB: number;
  /** At the size with the lowest ratio. */
  uploadMiBPerSec: number;
  fsWriteMiBPerSec: number;
  /** The lowest ratio over the sizes measured: the goal holds at every size or not at all. */
  uploadVsFsWriteRatio: number;
  /** The largest RSS growth over every round of every size. */
  uploadRssGrowthMb: number | null;
  sizes: UploadSizeFigures[];
  detail: string;
}

/** A scratch embedded database with one footage request; the app receives the uploads into a scratch EVIDENCE_DIR. */
export async function measureUploads(options: { sizesMiB: number[]; rounds: number; port?: number; log: (m: string) => void }): Promise<UploadFigures> {
  const database = await createBenchDatabase("embedded", "uploads");
  const evidenceDir = path.join(database.appEnv.DATA_DIR, "evidence");
  fs.mkdirSync(evidenceDir, { recursive: true });
  try {
    const token = generateUploadToken();
    const handle = await database.open();
    await generateSites(handle.db, { sites: 20 });
    const { lat, lng } = benchPoint(DEFAULT_SEED + 5, 0);
    const point = sql`ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326)::geography`;
    const incident = await handle.db.execute(sql`
      insert into incidents (case_number, point, radius_m, occurred_from, occurred_to)
      values ('BENCH-UPLOAD', ${point}, 1000, now() - interval '1 day', now() - interval '1 day' + interval '30 minutes') returning id, occurred_from, occurred_to`);
    const row = incident.rows[0] as { id: string; occurred_from: string; occurred_to: string };
    const entry = await handle.db.execute(sql`
      insert into canvass_entries (incident_id, registration_id, distance_m, walk_order)
      select ${row.id}, r.id, ST_Distance(r.location, ${point}), 1 from registrations r where r.location is not null
      order by r.location <-> ${point} limit 1 returning id`);
    await handle.db.insert(footageRequests).values({
      canvassEntryId: (entry.rows[0] as { id: string }).id,
      incidentId: row.id,
      tokenHash: hashUploadToken(token),
      windowFrom: new Date(row.occurred_from),
      windowTo: new Date(row.occurred_to),
      delivery: "link",
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    await handle.close();

    const app = await startApp({
      env: { ...database.appEnv, EVIDENCE_DIR: evidenceDir, EVIDENCE_MAX_FILE_BYTES: String(8 * 2 ** 30), EVIDENCE_MAX_REQUEST_BYTES: String(1024 * 2 ** 30), CLAMAV_HOST: "" },
      port: options.port,
    });
    const target = { baseUrl: app.baseUrl, token };
    const baseline = path.join(evidenceDir, "fs-baseline.bin");
    const sizes: UploadSizeFigures[] = [];
    try {
      // Warm-up: compiles the route and opens the database's connections, so neither is counted.
      const warm = await upload(target, 8 * MiB);
      await fsp.rm(path.join(evidenceDir, warm.id), { force: true });
      for (const mib of options.sizesMiB) {
        const bytes = mib * MiB;
        const uploadsMs: number[] = [];
        const writesMs: number[] = [];
        const uploadPhases: UploadPhases[] = [];
        let rssGrowthMb: number | null = null;
        for (let round_ = 0; round_ < options.rounds; round_++) {
          writesMs.push(await fsWrite(baseline, bytes));
          await fsp.rm(baseline, { force: true });

          const tree = processTree(app.pid);
          const rss = Array.from({ length: 5 }, () => processesRssMb(tree) ?? Number.NaN);
          const before = Math.min(...rss);
          let peak = before;
          const sampler = setInterval(() => {
            const now = processesRssMb(tree);
            if (now !== null && now > peak) peak = now;
          }, 50);
          const cpuBefore = processesCpuMs(tree);
          let sent: { ms: number; id: string; phases: UploadPhases };
          try {
            sent = await upload(target, bytes);
          } finally {
            clearInterval(sampler);
          }
          const cpuAfter = processesCpuMs(tree);
          sent.phases.appCpuMs = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
          uploadsMs.push(sent.ms);
          uploadPhases.push(sent.phases);
          if (Number.isFinite(before)) rssGrowthMb = Math.max(rssGrowthMb ?? 0, round(peak - before, 1));
          // Only the upload's bytes go; the evidence row stays (the scratch database is deleted after).
          for (const f of await fsp.readdir(evidenceDir)) if (f.startsWith(sent.id)) await fsp.rm(path.join(evidenceDir, f), { force: true });
          options.log(`uploads: ${mib} MiB round ${round_ + 1}: fs write ${round(writesMs.at(-1)!, 0)} ms, upload ${round(sent.ms, 0)} ms (creation ${sent.phases.creationMs} + body ${sent.phases.bodyMs} + last byte to 204 ${sent.phases.tailMs}; app CPU ${sent.phases.appCpuMs ?? "?"} ms), app RSS +${round(peak - before, 1)} MB`);
        }
        const bestUpload = Math.min(...uploadsMs);
        const bestWrite = Math.min(...writesMs);
        const figures: UploadSizeFigures = {
          mib,
          uploadMiBPerSec: round(mib / (bestUpload / 1000), 1),
          fsWriteMiBPerSec: round(mib / (bestWrite / 1000), 1),
          ratio: round(bestWrite / bestUpload, 2),
          rssGrowthMb,
          uploadsMs: uploadsMs.map((m) => round(m, 0)),
          writesMs: writesMs.map((m) => round(m, 0)),
          uploadPhases,
        };
        sizes.push(figures);
        options.log(
          `uploads: ${mib} MiB: upload ${figures.uploadMiBPerSec} MiB/s, fs write ${figures.fsWriteMiBPerSec} MiB/s, ratio ${figures.ratio} (goal ≥ ${UPLOAD_RATIO_GOAL}: ${figures.ratio >= UPLOAD_RATIO_GOAL ? "met" : "NOT MET"})`,
        );
      }
    } finally {
      await app.stop();
    }
    const lowest = sizes.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    const growths = sizes.map((s) => s.rssGrowthMb).filter((g): g is number => g !== null);
    return {
      uploadMiB: Math.max(...sizes.map((s) => s.mib)),
      uploadMiBPerSec: lowest.uploadMiBPerSec,
      fsWriteMiBPerSec: lowest.fsWriteMiBPerSec,
      uploadVsFsWriteRatio: lowest.ratio,
      uploadRssGrowthMb: growths.length > 0 ? Math.max(...growths) : null,
      sizes,
      detail:
        `${options.rounds} rounds per size, best of each side; ` +
        sizes.map((s) => `${s.mib} MiB: ratio ${s.ratio} (upload ${s.uploadMiBPerSec} MiB/s, fs ${s.fsWriteMiBPerSec} MiB/s; uploads [${s.uploadsMs.join(", ")}] ms, writes [${s.writesMs.join(", ")}] ms, RSS +${s.rssGrowthMb} MB)`).join("; ") +
        `; the ratio figure is the lowest, RSS growth the largest`,
    };
  } finally {
    await database.destroy();
  }
}
