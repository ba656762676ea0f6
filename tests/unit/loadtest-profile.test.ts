/** The load test's own measuring tools: the CPU-profile summary and the per-process CPU time. */
import { describe, expect, it } from "vitest";
import { placeOf, summarizeProfile } from "../../scripts/loadtest/profile";
import { processCpuSeconds, sumCpuSeconds } from "../../scripts/loadtest/cpu-time";
import { kindFigures } from "../../scripts/loadtest/report";

describe("CPU profile summary", () => {
  it("sums self time per function and per place, idle apart", () => {
    const frame = (functionName: string, url = "") => ({ functionName, url, lineNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)"), children: [2, 3, 4] },
        { id: 2, callFrame: frame("(idle)") },
        { id: 3, callFrame: frame("submit", "file:///app/node_modules/pg/lib/query.js"), children: [5] },
        { id: 4, callFrame: frame("gzip", "node:zlib") },
        { id: 5, callFrame: frame("writev") },
      ],
      samples: [2, 3, 5, 5, 4, 2],
      timeDeltas: [1000, 2000, 3000, 3000, 4000, 1000],
    };
    const summary = summarizeProfile(profile);
    expect(summary.totalMs).toBe(14);
    expect(summary.idleMs).toBe(2);
    expect(summary.topFunctions[0]).toMatchObject({ name: "writev", selfMs: 6 });
    expect(Object.fromEntries(summary.byPlace.map((p) => [p.place, p.selfMs]))).toEqual({ "(native)": 6, "node:zlib": 4, pg: 2, "(idle)": 2 });
  });

  it("names the package, Node's module or the app's build a frame belongs to", () => {
    expect(placeOf("file:///w/node_modules/@electric-sql/pglite/dist/index.js", "f")).toBe("@electric-sql/pglite");
    expect(placeOf("file:///w/node_modules/next/dist/server/base-server.js", "f")).toBe("next");
    expect(placeOf("file:///w/.next/server/chunks/x.js", "f")).toBe("app");
    expect(placeOf("node:zlib", "f")).toBe("node:zlib");
    expect(placeOf("", "(garbage collector)")).toBe("(garbage collector)");
  });
});

describe("process CPU time", () => {
  it("reads this process's CPU seconds, growing with work, and nothing for a missing process", () => {
    const before = processCpuSeconds(process.pid);
    if (before === null) return expect(process.platform).not.toBe("linux");
    const until = Date.now() + 300;
    let x = 0;
    while (Date.now() < until) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    expect(processCpuSeconds(process.pid)!).toBeGreaterThan(before);
    expect(processCpuSeconds(2 ** 30)).toBeNull();
    expect(sumCpuSeconds([2 ** 30, undefined])).toBeNull();
  });
});

describe("figures per request kind", () => {
  it("gives nearest-rank percentiles and the mean bytes per answered request", () => {
    const latenciesMs = Array.from({ length: 100 }, (_, i) => 100 - i);
    const f = kindFigures({ latenciesMs, statuses: { 200: 100 }, errors: 2, bytes: 250_000 });
    expect(f).toMatchObject({ requests: 102, noAnswer: 2, p50Ms: 50, p95Ms: 95, p99Ms: 99, maxMs: 100, meanAnswerBytes: 2500 });
    expect(kindFigures({ latenciesMs: [], statuses: {}, errors: 0, bytes: 0 }).meanAnswerBytes).toBe(0);
  });
});
