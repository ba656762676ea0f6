import { env } from "@/lib/env.js";

/**
 * The one base for every absolute link the app hands out (manage links, e-mails,
 * sign-in redirects): NEXTAUTH_URL, required (https) on a server deployment
 * (lib/env.js). Never built from Host / X-Forwarded-Host, which the client picks.
 * The embedded demo falls back to http://localhost:PORT.
 */
export function publicBaseUrl(source: { NEXTAUTH_URL?: string; PORT: number } = env): string {
  return (source.NEXTAUTH_URL ?? `http://localhost:${source.PORT}`).replace(/\/+$/, "");
}

export function publicOrigin(): string {
  return new URL(publicBaseUrl()).origin;
}

/** Session cookies get `Secure` (and next-auth's __Secure- names) when the app is served over https. */
export function servedOverHttps(): boolean {
  return publicBaseUrl().startsWith("https://");
}
