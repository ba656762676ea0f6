import { publicOrigin } from "./public-url";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request that rides on the browser's session cookie may change
 * state (CSRF): safe methods always; writes only when the browser says they
 * come from a page of this app. Browsers send `Origin` on every POST, PUT,
 * PATCH and DELETE, so a write without it (and without `Sec-Fetch-Site:
 * same-origin`) is not from our pages; scripts and integrations use an API
 * token, which no other site can make a browser send.
 */
export function isSameOriginWrite(method: string, headers: Pick<Headers, "get">, origin = publicOrigin()): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const sent = headers.get("origin");
  if (sent !== null) return sent === origin;
  return headers.get("sec-fetch-site") === "same-origin";
}
