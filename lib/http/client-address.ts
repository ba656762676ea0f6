/**
 * The client address to rate-limit on. Next.js fills X-Forwarded-For from the
 * socket only when the header is absent, and a proxy appends to it, so the
 * LEFTMOST entry is whatever the client typed; the RIGHTMOST is what our own
 * nearest proxy (or Next itself) saw. Deploy behind a reverse proxy that sets
 * or appends X-Forwarded-For, otherwise a client can choose its own key.
 */
export function nearestClientAddress(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  const hops = forwarded?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
  return hops.at(-1) ?? request.headers.get("x-real-ip") ?? null;
}
