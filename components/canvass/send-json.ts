/** A JSON request from a client component; field errors come back as they are. */
export async function sendJson(
  method: "PATCH" | "POST",
  url: string,
  body: unknown,
): Promise<{ ok: true; data: unknown } | { ok: false; errors: Record<string, string> }> {
  try {
    const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    if (res.ok) return { ok: true, data };
    if (data && typeof data === "object" && "errors" in data) return { ok: false, errors: data.errors as Record<string, string> };
    return { ok: false, errors: { "(request)": (data as { error?: string }).error ?? `failed (${res.status})` } };
  } catch {
    return { ok: false, errors: { "(request)": "network error; nothing was saved" } };
  }
}
