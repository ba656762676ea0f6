import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { readIncident } from "@/lib/investigation/incidents";
import { databaseFailure } from "@/lib/investigation/route-errors";

export const dynamic = "force-dynamic";

type Route = { params: Promise<{ id: string }> };

export const GET = withRole<Route>("detective", async (_request, { db }, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return Response.json({ error: "id must be an incident id (UUID)" }, { status: 400 });
  try {
    const incident = await readIncident(db, id);
    if (!incident) return Response.json({ error: "no such incident" }, { status: 404 });
    return Response.json(incident, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return databaseFailure("reading the incident", err);
  }
});
