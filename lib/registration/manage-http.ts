import "server-only";
/** Shared plumbing of the /api/manage/[token]/… routes: database, actor, error mapping. */
import { NextResponse } from "next/server";
import { getDb, resetDbAfterFatalError, type Db } from "@/db/client";
import { publicActor, type AuditActor } from "@/lib/audit/record-audit";
import { clientIp } from "@/lib/auth/with-role";
import { serviceUnavailable } from "@/lib/http/service-unavailable";
import { ManageError } from "./manage";

export type ManageRoute = { params: Promise<{ token: string }> };

export function manageRoute(handler: (request: Request, ctx: { db: Db; token: string; actor: AuditActor }) => Promise<Response>) {
  return async (request: Request, route: ManageRoute): Promise<Response> => {
    const { token } = await route.params;
    try {
      const db = await getDb();
      const actor = { ...publicActor(clientIp(request), request.headers.get("user-agent")), label: "owner" };
      return await handler(request, { db, token, actor });
    } catch (err) {
      if (err instanceof ManageError) {
        return NextResponse.json({ error: err.message }, { status: err.code === "not_found" ? 404 : 409 });
      }
      console.error("[manage] failed:", err);
      await resetDbAfterFatalError(err);
      return serviceUnavailable("the change could not be saved; please try again");
    }
  };
}
