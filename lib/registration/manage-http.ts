import "server-only";
/** Shared plumbing of the /api/manage/[token]/… routes: the owner's mutation context, and the API's error contract. */
import { publicActor } from "@/lib/audit/record-audit";
import type { OwnerContext } from "@/lib/auth/mutation-context";
import { clientAddress } from "@/lib/http/client-address";
import { answerError, openDatabase } from "@/lib/http/route-errors";

export type ManageRoute = { params: Promise<{ token: string }> };

/**
 * The owner's counterpart of withRole: the link's token (from the URL) becomes
 * the principal of an OwnerContext (lib/auth/mutation-context.ts), audited as
 * "owner" from the request's address; errors are answered by the one contract.
 */
export function manageRoute(handler: (request: Request, ctx: OwnerContext) => Promise<Response>) {
  return async (request: Request, route: ManageRoute): Promise<Response> => {
    const { token } = await route.params;
    try {
      const db = await openDatabase();
      const actor = { ...publicActor(clientAddress(request), request.headers.get("user-agent")), label: "owner" };
      return await handler(request, { db, actor, principal: { via: "manage_link", manageToken: token } });
    } catch (err) {
      // The token is never logged: it is the owner's key.
      return answerError(err, `${request.method} /api/manage/…`);
    }
  };
}
