import "server-only";
/** Shared plumbing of the /api/manage/[token]/… routes: database, actor, and the API's error contract. */
import type { Db } from "@/db/client";
import { publicActor, type AuditActor } from "@/lib/audit/record-audit";
import { clientAddress } from "@/lib/http/client-address";
import { answerError, openDatabase } from "@/lib/http/route-errors";

export type ManageRoute = { params: Promise<{ token: string }> };

export function manageRoute(handler: (request: Request, ctx: { db: Db; token: string; actor: AuditActor }) => Promise<Response>) {
  return async (request: Request, route: ManageRoute): Promise<Response> => {
    const { token } = await route.params;
    try {
      const db = await openDatabase();
      const actor = { ...publicActor(clientAddress(request), request.headers.get("user-agent")), label: "owner" };
      return await handler(request, { db, token, actor });
    } catch (err) {
      // The token is never logged: it is the owner's key.
      return answerError(err, `${request.method} /api/manage/…`);
    }
  };
}
