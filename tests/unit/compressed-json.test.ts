import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { chooseEncoding, compressedJson } from "@/lib/http/compressed-json";

const big = { features: Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `site ${i}`, coordinates: [-87.88 + i / 1e5, 41.85] })) };
const request = (acceptEncoding?: string) => new Request("http://localhost/x", { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} });

describe("compressed JSON responses", () => {
  it("picks br, then gzip, honouring q-values and refusals", () => {
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip, deflate")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0.5, gzip;q=0.8")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("identity")).toBe("identity");
    expect(chooseEncoding(null)).toBe("identity");
    expect(chooseEncoding("gzip;q=0, br;q=0")).toBe("identity");
  });

  it("answers the same JSON whatever the encoding", async () => {
    for (const [accept, encoding, decode] of [
      ["br, gzip", "br", zlib.brotliDecompressSync],
      ["gzip", "gzip", zlib.gunzipSync],
      [undefined, null, (b: Buffer) => b],
    ] as const) {
      const res = await compressedJson(request(accept), big, { headers: { "cache-control": "no-store" } });
      expect(res.headers.get("content-encoding")).toBe(encoding);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("vary")).toBe("accept-encoding");
      const bytes = Buffer.from(await res.arrayBuffer());
      if (encoding) expect(bytes.length).toBeLessThan(JSON.stringify(big).length / 3);
      expect(JSON.parse(decode(bytes).toString("utf8"))).toEqual(big);
    }
  });

  it("leaves small answers uncompressed", async () => {
    const res = await compressedJson(request("br"), { type: "FeatureCollection", features: [] });
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(await res.json()).toEqual({ type: "FeatureCollection", features: [] });
  });
});
