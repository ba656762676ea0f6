/**
 * THE client address, for the audit trail, rate limits and sign-in
 * throttling. By default (TRUSTED_PROXY_HOPS=0, no TRUSTED_PROXY_NETWORKS)
 * forwarding headers are ignored and the TCP peer address is used (see
 * peer-address.ts). Behind reverse proxies the agency configures either how
 * many proxies append to X-Forwarded-For (the address that many hops left of
 * the peer is the client) or the proxies' networks (the rightmost address not
 * in them is the client). Whatever is picked must be an IP address (net.isIP),
 * otherwise the client is "unknown" (null): a header value is never stored as is.
 */
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env.js";
import { peerAddressHeaderName } from "./peer-address";

export interface ProxyTrust {
  hops: number;
  networks: BlockList | null;
}

type HeaderSource = Request | Headers | { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function headerGetter(source: HeaderSource): (name: string) => string | null {
  if (source instanceof Request) return (n) => source.headers.get(n);
  if (typeof (source as Headers).get === "function") return (n) => (source as Headers).get(n);
  const record = source as Record<string, string | string[] | undefined>;
  return (n) => {
    const v = record[n] ?? record[n.toLowerCase()];
    return (Array.isArray(v) ? v.join(",") : v) ?? null;
  };
}

/** "10.0.0.0/8, 192.168.1.7, ::1" → a BlockList; a bad entry throws naming `setting`. */
export function parseNetworks(spec: string, setting: string): BlockList {
  const list = new BlockList();
  for (const raw of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, prefix] = raw.split("/");
    const family = isIP(address);
    if (!family) throw new Error(`${setting}: "${raw}" is not an IP address or CIDR range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 6 ? 128 : 32)) throw new Error(`${setting}: "${raw}" has a bad prefix length`);
      list.addSubnet(address, bits, type);
    }
  }
  return list;
}

/** An IP address in canonical-enough form ("::ffff:1.2.3.4" → "1.2.3.4"), or null for anything else. */
export function normalizeIp(value: string | null | undefined): string | null {
  if (!value) return null;
  let v = value.trim();
  if (v.startsWith("[") && v.includes("]")) v = v.slice(1, v.indexOf("]"));
  v = v.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(v) ? v.toLowerCase() : null;
}

export function inNetworks(list: BlockList, ip: string): boolean {
  const family = isIP(ip);
  return family !== 0 && list.check(ip, family === 6 ? "ipv6" : "ipv4");
}

let configured: ProxyTrust | null = null;
export function proxyTrustFromEnv(): ProxyTrust {
  configured ??= {
    hops: env.TRUSTED_PROXY_HOPS,
    networks: env.TRUSTED_PROXY_NETWORKS ? parseNetworks(env.TRUSTED_PROXY_NETWORKS, "TRUSTED_PROXY_NETWORKS") : null,
  };
  return configured;
}

/**
 * The client's address, or null when unknown. `source` is a Request, a
 * Headers (next/headers), or next-auth's plain header record.
 */
export function clientAddress(source: HeaderSource, trust: ProxyTrust = proxyTrustFromEnv()): string | null {
  const get = headerGetter(source);
  const peerHeader = peerAddressHeaderName();
  const peer = peerHeader ? normalizeIp(get(peerHeader)) : null;
  if (!peer) return null;
  if (trust.hops === 0 && !trust.networks) return peer;
  // The peer is a proxy we trust: read the chain it (and any proxies before it) appended.
  const chain = [...(get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean), peer];
  if (trust.networks) {
    if (!inNetworks(trust.networks, peer)) return peer;
    for (let i = chain.length - 1; i >= 0; i--) {
      const ip = normalizeIp(chain[i]);
      if (!ip) return null;
      if (!inNetworks(trust.networks, ip)) return ip;
    }
    return normalizeIp(chain[0]);
  }
  return normalizeIp(chain[Math.max(0, chain.length - 1 - trust.hops)]);
}
