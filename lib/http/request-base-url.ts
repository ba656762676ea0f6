/** The app's public base URL for links in answers and e-mails: the configured one, else what the request says. */
export function requestBaseUrl(request: Request, configured?: string): string {
  if (configured) return configured.replace(/\/+$/, "");
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
