import { NextResponse } from "next/server";
import { z } from "zod";
import { agencySettings } from "@/lib/agency/settings";
import { withRole } from "@/lib/auth/with-role";
import { readJsonBody } from "@/lib/canvass/read-json-body";
import { env } from "@/lib/env.js";
import { createFootageRequest, listFootageRequests } from "@/lib/evidence/footage-requests";
import { evidenceRuntime } from "@/lib/evidence/runtime";
import { requestBaseUrl } from "@/lib/http/read-json-body";

type Params = { params: Promise<{ id: string }> };

/** POST /api/canvass-entries/{id}/footage-requests { from?, to?, note?, deliver } → 201 { id, uploadUrl, expiresAt, delivery } */
export const POST = withRole<Params>("detective", async (request, { db, principal, actor }, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return NextResponse.json({ error: "canvass entry not found" }, { status: 404 });
  const body = await readJsonBody(request);
  if (!body.ok) return NextResponse.json({ errors: body.errors }, { status: 422 });
  const runtime = evidenceRuntime();
  const agency = agencySettings();
  const result = await createFootageRequest(db, principal, actor, id, body.value, {
    mailer: runtime.mailer,
    sms: runtime.sms,
    baseUrl: requestBaseUrl(request, env.NEXTAUTH_URL),
    expiryDays: runtime.expiryDays,
    agencyName: agency.name,
    timeZone: agency.timeZone,
  });
  if (!result.ok) return NextResponse.json(result.errors ? { errors: result.errors } : { error: result.error }, { status: result.status });
  return NextResponse.json(result.value, { status: 201, headers: { "cache-control": "no-store" } });
});

/** GET: the stop's requests with their state. */
export const GET = withRole<Params>("detective", async (_request, { db }, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return NextResponse.json({ error: "canvass entry not found" }, { status: 404 });
  return NextResponse.json({ requests: await listFootageRequests(db, [id]) });
});
