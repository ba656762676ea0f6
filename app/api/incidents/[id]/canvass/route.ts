import { withRole } from "@/lib/auth/with-role";
import { CANVASS_FORMATS, renderCanvass } from "@/lib/canvass/canvass-export";
import { requireUuid, validationError } from "@/lib/http/errors";

type Params = { params: Promise<{ id: string }> };

/**
 * GET /api/incidents/{id}/canvass?format=json|csv|pdf|geojson
 * JSON for any detective, with the contacts only for CANVASS_EXPORT_MIN_ROLE
 * (default supervisor), audited as canvass.viewed; the file formats need that
 * role and are audited as exports.
 */
export const GET = withRole<Params>("detective", async (request, { db, principal, actor }, { params }) => {
  const format = request.nextUrl.searchParams.get("format") ?? "json";
  if (!(CANVASS_FORMATS as readonly string[]).includes(format)) throw validationError({ format: `must be one of ${CANVASS_FORMATS.join(", ")}` });
  const id = requireUuid((await params).id, "incident not found");
  const result = await renderCanvass(db, principal, actor, id, format as (typeof CANVASS_FORMATS)[number]);
  const headers: Record<string, string> = { "content-type": result.contentType, "cache-control": "no-store", "x-canvass-rows": String(result.rows) };
  if (result.fileName) headers["content-disposition"] = `attachment; filename="${result.fileName}"`;
  const body = typeof result.body === "string" ? result.body : new Uint8Array(result.body);
  return new Response(body, { status: 200, headers });
});
