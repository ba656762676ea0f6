import fs from "node:fs";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { postgis } from "@electric-sql/pglite-postgis";
import { filterTar, keepPostgisEntry, trimmedPostgisBundle } from "../../db/postgis-bundle";

/** Names of the regular files in a tar archive. */
function tarNames(tar: Buffer): string[] {
  const names: string[] = [];
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(header.subarray(124, 136).toString("latin1").replace(/\0.*$/s, "").trim() || "0", 8);
    if (header[156] === 48 || header[156] === 0) names.push(header.subarray(0, 100).toString("utf8").replace(/\0.*$/s, ""));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

describe("trimmed PostGIS bundle", () => {
  it("keeps postgis itself and PROJ's data, not raster, topology or the tiger geocoder", () => {
    expect(keepPostgisEntry("lib/postgresql/postgis-3.so")).toBe(true);
    expect(keepPostgisEntry("share/postgresql/extension/postgis.control")).toBe(true);
    expect(keepPostgisEntry("share/postgresql/extension/postgis--3.6.2.sql")).toBe(true);
    expect(keepPostgisEntry("share/postgresql/extension/postgis--ANY--3.6.2.sql")).toBe(true);
    expect(keepPostgisEntry("share/proj/proj.db")).toBe(true);
    expect(keepPostgisEntry("share/postgresql/extension/postgis--unpackaged--3.6.2.sql")).toBe(false);
    expect(keepPostgisEntry("lib/postgresql/postgis_raster-3.so")).toBe(false);
    expect(keepPostgisEntry("lib/postgresql/postgis_topology-3.so")).toBe(false);
    expect(keepPostgisEntry("share/postgresql/extension/postgis_raster.control")).toBe(false);
    expect(keepPostgisEntry("share/postgresql/extension/postgis_tiger_geocoder--3.6.2.sql")).toBe(false);
  });

  it("is made from the installed package with every file postgis needs, byte for byte", async () => {
    const { bundlePath } = await postgis.setup({} as never, { PGLITE_ENV: {} });
    const source = zlib.gunzipSync(fs.readFileSync(fileURLToPath(bundlePath!)));
    const trimmed = zlib.gunzipSync(fs.readFileSync(trimmedPostgisBundle(fileURLToPath(bundlePath!))));
    const names = tarNames(trimmed);
    expect(names).toContain("lib/postgresql/postgis-3.so");
    expect(names).toContain("share/postgresql/extension/postgis.control");
    expect(names).toContain("share/proj/proj.db");
    expect(names.some((n) => /^share\/postgresql\/extension\/postgis--\d[\d.]*\.sql$/.test(n))).toBe(true);
    expect(names.filter((n) => n.endsWith(".so"))).toEqual(["lib/postgresql/postgis-3.so"]);
    expect(tarNames(source).filter(keepPostgisEntry).sort()).toEqual([...names].sort());
    expect(filterTar(source, keepPostgisEntry).equals(trimmed)).toBe(true);
    expect(trimmed.length).toBeLessThan(source.length / 2);
  });
});
