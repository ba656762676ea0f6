import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { publicActor } from "@/lib/audit/record-audit";
import { declineRequest } from "@/lib/evidence/owner-request";
import { nearestClientAddress } from "@/lib/http/client-address";
import { readJsonBody } from "@/lib/http/read-json-body";

/** POST /api/footage-requests/decline { token, reason, note? }: public, the owner's answer "no video". The token travels in the body, never the URL. */
export async function POST(request: Request) {
  const body = await readJsonBody(request, 8192);
  if (!body.ok) return NextResponse.json({ error: body.error }, { status: body.status });
  const db = await getDb();
  const result = await declineRequest(db, body.value, publicActor(nearestClientAddress(request), request.headers.get("user-agent")));
  if (!result.ok) return NextResponse.json(result.errors ? { errors: result.errors } : { error: result.error }, { status: result.status });
  return NextResponse.json(result.value);
}
