/**
 * Parsing is pure but not free (parse-address runs a large regular
 * expression, ~0.1 ms an address), and the same addresses come back: the map's
 * address box re-asks as staff refine a search, a resident resubmits, an
 * import is run twice. A small least-recently-used cache keeps the answers.
 * Callers must treat the parsed objects as read-only (they are shared).
 */
import { parseQuery, type ParsedAddress } from "./parse";
import type { AddressInput } from "./types";

export const PARSE_CACHE_SIZE = 5000;

const cache = new Map<string, ParsedAddress>();

function cacheKey(query: string | AddressInput): string {
  if (typeof query === "string") return `s\u0000${query}`;
  return `o\u0000${[query.line1, query.unit, query.city, query.state, query.zip].map((v) => v ?? "").join("\u0000")}`;
}

export function parseQueryCached(query: string | AddressInput): ParsedAddress {
  const key = cacheKey(query);
  const hit = cache.get(key);
  if (hit) {
    // Map keeps insertion order: re-inserting marks the entry as most recently used.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const parsed = parseQuery(query);
  cache.set(key, parsed);
  if (cache.size > PARSE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return parsed;
}

export function parseCacheSize(): number {
  return cache.size;
}

/** For measurements that must see the cold cost (the throughput bench). */
export function clearParseCache(): void {
  cache.clear();
}
