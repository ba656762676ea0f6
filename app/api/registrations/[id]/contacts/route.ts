import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError, requireUuid } from "@/lib/http/errors";
import { readContacts } from "@/lib/investigation/registration-contacts";
import { contactAllowance, contactCaps } from "@/lib/investigation/contact-caps";

export const dynamic = "force-dynamic";

type Route = { params: Promise<{ id: string }> };

/** The "show contact" action: one registration's owner and alternate contact, audited. */
export const GET = withRole<Route>("detective", async (request, { db, actor }, { params }) => {
  const id = requireUuid((await params).id, "no such registration");
  const incidentId = new URL(request.url).searchParams.get("incident");
  const via = "GET /api/registrations/[id]/contacts";
  const contacts = await db.transaction(async (tx) => {
    const [found] = await readContacts(tx, [id]);
    if (!found) return null;
    // Over the daily cap: the flag is audited (this transaction commits), the contacts are not served.
    if ((await contactAllowance(tx, actor, 1, via)).allowed === 0) return "capped" as const;
    await recordAudit(tx, actor, {
      action: "registration.contacts_viewed",
      targetType: "registration",
      targetId: id,
      details: { via, incidentId: incidentId && z.uuid().safeParse(incidentId).success ? incidentId : null },
    });
    return found;
  });
  if (!contacts) throw new AppError("not_found", "no such registration");
  if (contacts === "capped") {
    throw new AppError("rate_limited", `you have read ${contactCaps().perUserPerDay} registrants' contacts in the last 24 hours, the most allowed; a supervisor can see this in the audit trail`, { headers: { "retry-after": "3600" } });
  }
  return Response.json(contacts, { headers: { "cache-control": "no-store" } });
});
