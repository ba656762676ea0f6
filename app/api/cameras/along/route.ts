import { withRole } from "@/lib/auth/with-role";
import { agencySettings } from "@/lib/agency/settings";
import { badRequest, fieldErrors } from "@/lib/investigation/input-fields";
import { runAuditedSearch } from "@/lib/investigation/run-search";
import { databaseFailure, readJsonBody } from "@/lib/investigation/route-errors";
import { alongBodySchema } from "./schema";

export const dynamic = "force-dynamic";

/** Registered cameras in a corridor `widthM` wide along a route of travel, ranked, as GeoJSON. */
export const POST = withRole("detective", async (request, { db, actor }) => {
  const settings = agencySettings();
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const parsed = alongBodySchema(settings.maxSearchRadiusM).safeParse(body.body);
  if (!parsed.success) return badRequest(fieldErrors(parsed.error));
  const { route, widthM, at, include } = parsed.data;
  const includeContacts = include === "contacts" || new URL(request.url).searchParams.get("include") === "contacts";
  try {
    const collection = await runAuditedSearch(
      db,
      actor,
      { area: { kind: "route", route, widthM }, at: at ?? new Date(), includeContacts, via: "POST /api/cameras/along" },
      settings.timeZone,
    );
    return Response.json(collection, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return databaseFailure("the corridor search", err);
  }
});
