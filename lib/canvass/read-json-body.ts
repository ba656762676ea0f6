/** A request's JSON body, or a field-level error instead of a 500 on bad JSON. */
export async function readJsonBody(request: Request): Promise<{ ok: true; value: unknown } | { ok: false; errors: Record<string, string> }> {
  const text = await request.text();
  if (text.length > 64_000) return { ok: false, errors: { "(body)": "is too large" } };
  try {
    return { ok: true, value: text === "" ? {} : JSON.parse(text) };
  } catch {
    return { ok: false, errors: { "(body)": "is not valid JSON" } };
  }
}
