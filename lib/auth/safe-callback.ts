/**
 * Where to go after sign-in: only a path on this site. The value is resolved
 * the way a browser would (new URL against our origin) and kept only if it
 * stays on that origin, so "//evil.example", "/\evil.example" and
 * "/%09/evil.example" (a tab the browser drops) all fall back to "/".
 */
const ORIGIN = "http://sightline.invalid";

export function safeCallbackPath(value: string | string[] | undefined | null): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/")) return "/";
  // Browsers strip tabs and newlines from URLs anywhere and treat "\" as "/": refuse any of them outright.
  if (/[\u0000-\u001f\u007f\\]/.test(v)) return "/";
  let decoded: string;
  try {
    decoded = decodeURIComponent(v);
  } catch {
    return "/";
  }
  if (/[\u0000-\u001f\u007f\\]/.test(decoded) || decoded.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(v, ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== ORIGIN) return "/";
  return url.pathname + url.search + url.hash;
}
