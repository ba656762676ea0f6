import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { parseInput } from "@/lib/http/field-errors";
import { queryObject } from "@/lib/http/route-errors";
import { sitePointsJsonInBox } from "@/lib/investigation/map-layers";
import { bboxSchema } from "../box";

export const dynamic = "force-dynamic";

/**
 * Every active site in the viewport as bare integer coordinates for
 * client-side clustering (no ids, addresses or contacts), so it is not a
 * search of the registry and is not audited per pan.
 *
 * The ETag is the registry's version (see site-points-cache.ts): a browser
 * revisiting the map asks again with If-None-Match and gets an empty 304 while
 * no site was added, moved or removed. `private, no-cache`: kept only by this
 * user's browser, and always checked with the server first (a session that
 * ended must not read it from a shared cache). A registry too large to copy
 * (MAX_COPIED_SITES) is queried per box and not cached.
 */
export const GET = withRole("detective", async (request, { db }) => {
  const { bbox } = parseInput(z.object({ bbox: bboxSchema }), queryObject(request.url, ["bbox"]));
  const { version, body } = await sitePointsJsonInBox(db, bbox);
  if (version === null) return new Response(body, { headers: { "content-type": "application/json", "cache-control": "no-store" } });
  const headers = { etag: `"sites-${version}"`, "cache-control": "private, no-cache" };
  if (request.headers.get("if-none-match") === headers.etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "content-type": "application/json" } });
});
