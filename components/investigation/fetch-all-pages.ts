"use client";
/**
 * The map shows every site a search finds, so it follows an answer's pages (lib/investigation/result-page.ts)
 * until the last one, each page continuing the first one's search (same ranking, no overlap, no gap), and
 * shows the sites once they are all in. Any page failing fails the whole load: a partial list would read as
 * "these are all the sites in range".
 */
import { fetchJson, type JsonAnswer } from "@/lib/http/fetch-json";
import type { SiteFeature } from "@/lib/investigation/workspace-types";

interface SitesPage {
  features: SiteFeature[];
  page?: { total: number; next: string | null; nextUrl?: string | null };
}

/** More pages than this is a server bug (at most MAX_PAGE_SIZE … every site), not an answer to keep following. */
const MAX_PAGES = 10_000;

export async function fetchAllPages(
  first: () => Promise<JsonAnswer<SitesPage>>,
  following: (page: NonNullable<SitesPage["page"]>) => Promise<JsonAnswer<SitesPage>>,
  onProgress?: (loaded: number, total: number) => void,
): Promise<JsonAnswer<{ features: SiteFeature[] }>> {
  let res = await first();
  if (!res.ok) return res;
  const features = [...res.data.features];
  for (let pages = 1; res.data.page?.next && pages < MAX_PAGES; pages++) {
    onProgress?.(features.length, res.data.page.total);
    res = await following(res.data.page);
    if (!res.ok) return res;
    features.push(...res.data.features);
  }
  return { ok: true, status: res.status, data: { features } };
}

/** A GET answer's next page: its `page.nextUrl`. */
export const nextByUrl = (page: NonNullable<SitesPage["page"]>) => fetchJson<SitesPage>(page.nextUrl!);
