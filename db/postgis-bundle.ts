/**
 * PostGIS for embedded PGlite from a trimmed copy of @electric-sql/pglite-postgis's bundle.
 *
 * PGlite unpacks an extension's whole bundle into its in-memory file system and
 * loads every .so in it at each open. The package's bundle (95 MB unpacked) also
 * holds postgis_raster, postgis_topology and the tiger geocoder, which Sightline
 * never creates. Kept: postgis-3.so, the postgis extension's control and install/
 * upgrade scripts, and PROJ's data (proj.db). Measured at nice 19 with load ~8-11
 * on 2 cores, one open of a migrated data directory: ~5.8 s → ~3.8 s CPU, RSS
 * ~985 → ~665 MB (PGlite without PostGIS: ~1.3 s, ~400 MB).
 *
 * The trimmed bundle is made from the installed package at the first open and
 * kept in node_modules/.cache (named after the source's size and mtime, so a new
 * package version makes a new one); nothing copied from the package is committed.
 * If it cannot be made, the package's own bundle is used.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Extension } from "@electric-sql/pglite";
import { postgis } from "@electric-sql/pglite-postgis";

/** The bundle entries Sightline needs (regular files only; the upgrade-path symlinks are not kept). */
export function keepPostgisEntry(name: string): boolean {
  if (name === "lib/postgresql/postgis-3.so") return true;
  if (name.startsWith("share/proj/")) return true;
  return /^share\/postgresql\/extension\/postgis(\.control|--[^/]+\.sql)$/.test(name) && !name.includes("unpackaged");
}

const BLOCK = 512;

function entryName(header: Buffer): string {
  const field = (start: number, length: number) => {
    const raw = header.subarray(start, start + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end === -1 ? length : end).toString("utf8");
  };
  const name = field(0, 100);
  const prefix = header.subarray(257, 263).toString("latin1") === "ustar\0" ? field(345, 155) : "";
  return prefix ? `${prefix}/${name}` : name;
}

/** The tar archive `tar` with only the regular files `keep` accepts (header and data blocks copied as they are). */
export function filterTar(tar: Buffer, keep: (name: string) => boolean): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const typeflag = String.fromCharCode(header[156]);
    if (typeflag === "L" || typeflag === "x" || typeflag === "g") {
      throw new Error(`unsupported tar entry type ${typeflag} (long names / pax headers)`);
    }
    const size = parseInt(header.subarray(124, 136).toString("latin1").replace(/\0.*$/s, "").trim() || "0", 8);
    const span = BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const regular = typeflag === "0" || typeflag === "\0";
    if (regular && keep(entryName(header))) parts.push(tar.subarray(offset, offset + span));
    offset += span;
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

/** Path of the trimmed bundle for `source` (the package's postgis.tar.gz), made if missing. */
export function trimmedPostgisBundle(source: string): string {
  const stat = fs.statSync(source);
  // source is node_modules/@electric-sql/pglite-postgis/dist/postgis.tar.gz
  const cacheDir = path.resolve(path.dirname(source), "../../../.cache/sightline-postgis");
  const target = path.join(cacheDir, `postgis-core-${stat.size}-${Math.trunc(stat.mtimeMs)}.tar.gz`);
  if (fs.existsSync(target)) return target;
  const trimmed = filterTar(zlib.gunzipSync(fs.readFileSync(source)), keepPostgisEntry);
  fs.mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed, so a concurrent open (another test worker) never reads half a file.
  const partial = `${target}.${process.pid}.partial`;
  fs.writeFileSync(partial, zlib.gzipSync(trimmed, { level: 1 }));
  fs.renameSync(partial, target);
  return target;
}

/** Drop-in for `postgis` in PGlite's `extensions`, loading the trimmed bundle. */
export const postgisCore: Extension = {
  name: "postgis",
  setup: async (pg, emscriptenOpts) => {
    const result = await postgis.setup(pg, emscriptenOpts);
    const bundle = result.bundlePath;
    if (!bundle) return result;
    try {
      const source = bundle instanceof URL ? fileURLToPath(bundle) : String(bundle);
      return { ...result, bundlePath: pathToFileURL(trimmedPostgisBundle(source)) };
    } catch (err) {
      console.warn(`[db] using the full PostGIS bundle (could not trim it: ${(err as Error).message})`);
      return result;
    }
  },
};
