import { withRole } from "@/lib/auth/with-role";
import { agencySettings } from "@/lib/agency/settings";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { firstPage } from "@/lib/investigation/result-page";
import { runAuditedSearch } from "@/lib/investigation/run-search";
import { searchInclude, searchIncludes } from "@/lib/investigation/search-include";
import { alongBodySchema } from "./schema";

export const dynamic = "force-dynamic";

/** Registered cameras in a corridor `widthM` wide along a route of travel, ranked, as GeoJSON: one page of them (result-page.ts). */
export const POST = withRole("detective", async (request, { db, actor }) => {
  const settings = agencySettings();
  const { route, widthM, at, include, limit, after } = parseInput(alongBodySchema(settings.maxSearchRadiusM), await readJsonBody(request));
  const inQuery = searchInclude.safeParse(new URL(request.url).searchParams.get("include") ?? "");
  const includes = searchIncludes(include, inQuery.success ? inQuery.data : undefined);
  const collection = await runAuditedSearch(
    db,
    actor,
    { area: { kind: "route", route, widthM }, at: at ?? new Date(), include: includes, via: "POST /api/cameras/along", page: { ...firstPage(limit), after } },
    settings.timeZone,
  );
  return Response.json(collection, { headers: { "cache-control": "no-store" } });
});
