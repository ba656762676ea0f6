/**
 * The heaviest functions of the app's CPU profile (`--cpu-prof DIR`), by self
 * time and grouped by where the code lives (a package, Node's internals, the
 * app's own build), so a load-test run says where a request's time goes
 * without opening DevTools. The .cpuprofile files stay in DIR for that.
 */
import fs from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  topFunctions: { name: string; where: string; selfMs: number }[];
  byPlace: { place: string; selfMs: number }[];
}

/** Where a frame's code lives: `pg`, `next`, `node:zlib`, `app` (the build), or `(gc)` / `(program)`. */
export function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return url;
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes("/.next/")) return "app";
  return path.basename(url);
}

export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const functions = new Map<string, { name: string; where: string; selfMs: number }>();
  const places = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    totalUs += us;
    if (functionName === "(idle)") idleUs += us;
    const name = functionName || "(anonymous)";
    const where = url ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/\.next\//, ".next/")}:${lineNumber + 1}` : "";
    const key = `${name} ${where}`;
    const f = functions.get(key) ?? { name, where, selfMs: 0 };
    f.selfMs += us / 1000;
    functions.set(key, f);
    const place = placeOf(url, functionName);
    places.set(place, (places.get(place) ?? 0) + us / 1000);
  }
  const round = (v: number) => Math.round(v);
  return {
    totalMs: round(totalUs / 1000),
    idleMs: round(idleUs / 1000),
    topFunctions: [...functions.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top).map((f) => ({ ...f, selfMs: round(f.selfMs) })),
    byPlace: [...places.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([place, ms]) => ({ place, selfMs: round(ms) })),
  };
}

/** Print the summary of every profile in `dir` (one per app instance). */
export function printProfiles(dir: string): void {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")) : [];
  if (files.length === 0) {
    console.log(`no CPU profile in ${dir} (the app writes it when it exits cleanly)`);
    return;
  }
  for (const file of files) {
    const summary = summarizeProfile(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile);
    const busy = summary.totalMs - summary.idleMs;
    const share = (ms: number) => `${((100 * ms) / Math.max(1, busy)).toFixed(1)}%`;
    console.log(`\nCPU profile ${path.join(dir, file)}: ${summary.totalMs} ms sampled, ${summary.idleMs} ms idle`);
    console.table(summary.byPlace.map((p) => ({ place: p.place, "self ms": p.selfMs, "of busy": share(p.selfMs) })));
    console.table(summary.topFunctions.map((f) => ({ function: f.name, where: f.where, "self ms": f.selfMs, "of busy": share(f.selfMs) })));
  }
}
