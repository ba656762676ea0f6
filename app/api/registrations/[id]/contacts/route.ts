import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError, requireUuid } from "@/lib/http/errors";
import { readContacts } from "@/lib/investigation/registration-contacts";

export const dynamic = "force-dynamic";

type Route = { params: Promise<{ id: string }> };

/** The "show contact" action: one registration's owner and alternate contact, audited. */
export const GET = withRole<Route>("detective", async (request, { db, actor }, { params }) => {
  const id = requireUuid((await params).id, "no such registration");
  const incidentId = new URL(request.url).searchParams.get("incident");
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
  if (!contacts) throw new AppError("not_found", "no such registration");
  return Response.json(contacts, { headers: { "cache-control": "no-store" } });
});
