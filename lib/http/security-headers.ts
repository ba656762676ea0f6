/**
 * Security headers. The Content-Security-Policy is per request (proxy.ts):
 * scripts only with that request's nonce (Next.js puts it on its own scripts
 * when it finds it in the request's CSP header) or loaded by them
 * ('strict-dynamic'); images from the app and the configured tile server;
 * no framing, no plugins, forms and fetches to the app only. Styles allow
 * 'unsafe-inline' because Leaflet positions the map with style attributes,
 * which a nonce cannot cover. nosniff, Referrer-Policy and X-Frame-Options
 * are set for every answer in next.config.js; HSTS (only when the configured
 * base URL is https, decided at run time) in proxy.ts.
 */

/** The tile server's origin as a CSP source: "https://{s}.tile.example.org/{z}/…" → "https://*.tile.example.org". */
export function tileSource(tileUrl: string): string | null {
  const match = /^(https?):\/\/([^/]+)/i.exec(tileUrl);
  if (!match) return null;
  const host = match[2].replace(/\{[a-z]+\}/gi, "*");
  if (!/^[a-z0-9*.:-]+$/i.test(host)) return null;
  return `${match[1].toLowerCase()}://${host.toLowerCase()}`;
}

export function contentSecurityPolicy(options: { nonce: string; tileUrl: string; dev: boolean; https: boolean }): string {
  const tiles = tileSource(options.tileUrl);
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ""}`,
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
