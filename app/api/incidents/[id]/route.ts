import { withRole } from "@/lib/auth/with-role";
import { AppError, requireUuid } from "@/lib/http/errors";
import { readIncident } from "@/lib/investigation/incidents";

export const dynamic = "force-dynamic";

type Route = { params: Promise<{ id: string }> };

export const GET = withRole<Route>("detective", async (_request, { db }, { params }) => {
  const id = requireUuid((await params).id, "no such incident");
  const incident = await readIncident(db, id);
  if (!incident) throw new AppError("not_found", "no such incident");
  return Response.json(incident, { headers: { "cache-control": "no-store" } });
});
