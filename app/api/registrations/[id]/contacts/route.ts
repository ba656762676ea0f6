import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { readContacts } from "@/lib/investigation/registration-contacts";
import { databaseFailure } from "@/lib/investigation/route-errors";

export const dynamic = "force-dynamic";

type Route = { params: Promise<{ id: string }> };

/** The "show contact" action: one registration's owner and alternate contact, audited. */
export const GET = withRole<Route>("detective", async (request, { db, actor }, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return Response.json({ error: "id must be a registration id (UUID)" }, { status: 400 });
  const incidentId = new URL(request.url).searchParams.get("incident");
  try {
    const contacts = await db.transaction(async (tx) => {
      const [found] = await readContacts(tx, [id]);
      if (!found) return null;
      await recordAudit(tx, actor, {
        action: "registration.contacts_viewed",
        targetType: "registration",
        targetId: id,
        details: { via: "GET /api/registrations/[id]/contacts", incidentId: incidentId && z.uuid().safeParse(incidentId).success ? incidentId : null },
      });
      return found;
    });
    if (!contacts) return Response.json({ error: "no such registration" }, { status: 404 });
    return Response.json(contacts, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return databaseFailure("reading the contact", err);
  }
});
