import { NextResponse } from "next/server";
import { publicActor } from "@/lib/audit/record-audit";
import { declineRequest } from "@/lib/evidence/owner-request";
import { clientAddress } from "@/lib/http/client-address";
import { readJsonBody } from "@/lib/http/read-json-body";
import { apiRoute, openDatabase } from "@/lib/http/route-errors";
import { localeOfRequest } from "@/lib/i18n/request-locale";
import { translate } from "@/lib/registration/localized";

/** POST /api/footage-requests/decline { token, reason, note? }: public, the owner's answer "no video". The token travels in the body, never the URL. */
export const POST = apiRoute("footage request decline", async (request: Request) => {
  const body = await readJsonBody(request, 8192);
  const db = await openDatabase();
  // Field errors in the owner's language, like the registration API's.
  const t = translate(localeOfRequest(request), "upload");
  return NextResponse.json(await declineRequest(db, body, publicActor(clientAddress(request), request.headers.get("user-agent")), t));
});
