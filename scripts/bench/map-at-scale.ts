/**
 * mapFirstRenderMs / mapPanP95FrameMs: the investigation map (/map) with many
 * sites, in headless Chromium, signed in as a staff user.
 *
 * - First render: from the start of the /map navigation to the first cluster
 *   marker (`.site-cluster`) in the DOM, seen by a MutationObserver installed
 *   before the page's own scripts; median of a few first-visit loads (empty
 *   browser cache, warm server). The fetch of
 *   /api/map/sites is reported alongside (from Resource Timing).
 * - Frames: requestAnimationFrame deltas recorded in the page while the
 *   script drags the map (mouse) and zooms it (wheel) like a user, including
 *   the re-fetch and re-clustering that follow each move; p95 of the deltas.
 */
import fs from "node:fs";
import type { Browser, CDPSession, Page } from "playwright-core";
import { DESKTOP, launchBrowser, screenshot } from "../../tests/e2e/support/browser";
import { BENCH_AREA } from "./generate-sites";
import { percentile, round } from "./support/stats";

declare global {
  interface Window {
    __bench?: { firstClusterAt: number | null; recording: boolean; frames: number[]; last: number };
  }
}

/**
 * Installed before any page script: watches for the first cluster and records
 * frame deltas on demand. Kept as source text: tsx would wrap named functions
 * in a helper that does not exist in the page.
 */
const INSTRUMENT = `(() => {
  const bench = { firstClusterAt: null, recording: false, frames: [], last: 0 };
  window.__bench = bench;
  const observer = new MutationObserver(() => {
    if (bench.firstClusterAt === null && document.querySelector(".site-cluster")) {
      bench.firstClusterAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  const tick = (t) => {
    if (bench.recording && bench.last) bench.frames.push(t - bench.last);
    bench.last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

export const MAP_ZOOM = 11;

export interface MapFigures {
  mapFirstRenderMs: number;
  mapPanP95FrameMs: number;
  mapSitesFetchMs: number;
  detail: string;
}

async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/signin?callbackUrl=${encodeURIComponent("/incidents")}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/incidents", { timeout: 60_000 });
}

async function loadMap(page: Page, mapUrl: string) {
  await page.goto(mapUrl);
  await page.waitForFunction(() => window.__bench?.firstClusterAt != null, null, { timeout: 60_000 });
  return page.evaluate(() => {
    const fetches = performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/map/sites")) as PerformanceResourceTiming[];
    const first = fetches[0];
    return {
      firstClusterAt: window.__bench!.firstClusterAt!,
      fetchMs: first ? first.responseEnd - first.startTime : Number.NaN,
      fetchStartAt: first ? first.startTime : Number.NaN,
      clusters: document.querySelectorAll(".site-cluster").length,
      // More than one means the page's preload of the first answer went unused (see components/map/first-view-box.ts).
      requests: fetches.length,
      // Bytes on the wire (compressed) and after decoding; 0 on the wire for a 304 revalidation.
      transferKb: first ? first.transferSize / 1024 : Number.NaN,
      bodyKb: first ? first.decodedBodySize / 1024 : Number.NaN,
    };
  });
}

async function panAndZoom(page: Page) {
  const box = (await page.locator(".leaflet-container").boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const drags: [number, number][] = [[250, 0], [0, 200], [-250, 0], [0, -200], [180, 150], [-180, -150], [300, 100], [-300, -100]];
  for (const [dx, dy] of drags) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let s = 1; s <= 12; s++) await page.mouse.move(cx + (dx * s) / 12, cy + (dy * s) / 12);
    await page.mouse.up();
    await page.waitForTimeout(350);
  }
  for (const delta of [-240, -240, -240, 240, 240, 240]) {
    await page.mouse.move(cx, cy);
    await page.mouse.wheel(0, delta);
    await page.waitForTimeout(700);
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function of a V8 CPU profile, largest first: where the main thread went. */
export function topSelfTime(profile: CpuProfile, limit = 12): { fn: string; ms: number }[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)!;
    const file = f.url.split("/").pop() || "";
    const key = `${f.functionName || "(anonymous)"} ${file}${file ? `:${f.lineNumber + 1}` : ""}`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([fn, ms]) => ({ fn, ms: round(ms, 1) }));
}

export async function measureMap(options: {
  baseUrl: string;
  email: string;
  password: string;
  loads: number;
  browser?: Browser;
  /** Write a CPU profile of the pan/zoom phase here (open it in Chrome DevTools) and print its top functions. */
  profilePath?: string;
}): Promise<MapFigures> {
  const browser = options.browser ?? (await launchBrowser());
  try {
    const context = await browser.newContext(DESKTOP);
    await context.addInitScript({ content: INSTRUMENT });
    const page = await context.newPage();
    await signIn(page, options.baseUrl, options.email, options.password);
    const mapUrl = `${options.baseUrl}/map?center=${BENCH_AREA.centerLat},${BENCH_AREA.centerLng}&zoom=${MAP_ZOOM}`;
    // First render is measured as a first visit: the browser's HTTP cache is
    // emptied before each counted load (the session cookie stays), so the sites
    // answer is fetched whole rather than revalidated with a 304. One load
    // before them is not counted: it warms the server (route modules load on
    // first use after `next start`), as any use of the app since start-up would.
    // A revisit with the cache kept is reported in the detail only.
    const network = await context.newCDPSession(page);
    await network.send("Network.enable");
    await loadMap(page, mapUrl);
    const loads = [];
    for (let i = 0; i < options.loads; i++) {
      await network.send("Network.clearBrowserCache");
      loads.push(await loadMap(page, mapUrl));
    }
    const revisit = await loadMap(page, mapUrl);
    // Frames while panning and zooming, after the last load settled.
    await page.waitForTimeout(1000);
    // What was measured, to look at: test-results/screenshots/bench-map.png
    await screenshot(page, "bench-map");
    await page.evaluate(() => {
      window.__bench!.frames = [];
      window.__bench!.recording = true;
    });
    let cdp: CDPSession | null = null;
    if (options.profilePath) {
      cdp = await context.newCDPSession(page);
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.start");
    }
    await panAndZoom(page);
    if (cdp && options.profilePath) {
      const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
      fs.writeFileSync(options.profilePath, JSON.stringify(profile));
      console.error(`[bench] map pan/zoom CPU profile: ${options.profilePath}; self time, top functions:`);
      console.table(topSelfTime(profile));
    }
    const frames = await page.evaluate(() => {
      window.__bench!.recording = false;
      return window.__bench!.frames;
    });
    await context.close();
    const first = loads.map((l) => l.firstClusterAt);
    const fetch = loads.map((l) => l.fetchMs);
    const fetchStart = loads.map((l) => l.fetchStartAt);
    const longFrames = frames.filter((f) => f > 50).length;
    return {
      mapFirstRenderMs: round(percentile(first, 50), 0),
      mapPanP95FrameMs: round(percentile(frames, 95), 1),
      mapSitesFetchMs: round(percentile(fetch, 50), 0),
      detail:
        `first render ${first.map((f) => Math.round(f)).join("/")} ms (sites fetch started at ${fetchStart.map((f) => Math.round(f)).join("/")} ms, ` +
        `took ${fetch.map((f) => Math.round(f)).join("/")} ms, ${loads.map((l) => l.requests).join("/")} request(s), ` +
        `${loads.map((l) => Math.round(l.transferKb)).join("/")} kB transferred of ${Math.round(loads[0].bodyKb)} kB; ` +
        `${loads[0].clusters} clusters at zoom ${MAP_ZOOM}); ${frames.length} frames, p50 ${round(percentile(frames, 50), 1)} ms, ` +
        `max ${round(Math.max(...frames), 0)} ms, ${longFrames} over 50 ms; ` +
        `a revisit with the browser cache kept: first render ${Math.round(revisit.firstClusterAt)} ms, ${Math.round(revisit.transferKb)} kB transferred`,
    };
  } finally {
    if (!options.browser) await browser.close();
  }
}
