import { describe, expect, it } from "vitest";
import { parseEwkbHex, toEwkt } from "@/db/ewkb";

// Hex EWKB values as PostGIS prints them (SELECT 'SRID=4326;POINT(-87.88 41.85)'::geography).
const POINT_HEX = "0101000020E6100000B81E85EB51F855C0CDCCCCCCCCEC4440";

describe("EWKB reader", () => {
  it("decodes a point with SRID", () => {
    const g = parseEwkbHex(POINT_HEX);
    expect(g.type).toBe("Point");
    expect(g.coordinates[0]).toBeCloseTo(-87.88, 10);
    expect(g.coordinates[1]).toBeCloseTo(41.85, 10);
  });

  it("round-trips a polygon written by hand in little-endian WKB", () => {
    const ring: [number, number][] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    const buf = Buffer.alloc(1 + 4 + 4 + 4 + ring.length * 16);
    let o = 0;
    buf.writeUInt8(1, o++);
    buf.writeUInt32LE(3, o);
    o += 4;
    buf.writeUInt32LE(1, o);
    o += 4;
    buf.writeUInt32LE(ring.length, o);
    o += 4;
    for (const [x, y] of ring) {
      buf.writeDoubleLE(x, o);
      buf.writeDoubleLE(y, o + 8);
      o += 16;
    }
    expect(parseEwkbHex(buf.toString("hex"))).toEqual({ type: "Polygon", coordinates: [ring] });
  });

  it("rejects junk and 3D input", () => {
    expect(() => parseEwkbHex("zz")).toThrow();
    expect(() => parseEwkbHex("")).toThrow();
    // POINT Z
    expect(() => parseEwkbHex("01010000A0E6100000000000000000F03F000000000000F03F000000000000F03F")).toThrow(/3D/);
  });

  it("writes EWKT and refuses non-finite coordinates", () => {
    expect(toEwkt({ type: "Point", coordinates: [-87.88, 41.85] })).toBe("SRID=4326;POINT(-87.88 41.85)");
    expect(toEwkt({ type: "LineString", coordinates: [[0, 0], [1, 1]] })).toBe("SRID=4326;LINESTRING(0 0,1 1)");
    expect(() => toEwkt({ type: "Point", coordinates: [NaN, 1] })).toThrow();
  });
});
