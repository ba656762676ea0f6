import { NextResponse } from "next/server";
import { agencySettings } from "@/lib/agency/settings";
import { withRole } from "@/lib/auth/with-role";
import { createFootageRequest, listFootageRequests } from "@/lib/evidence/footage-requests";
import { evidenceRuntime } from "@/lib/evidence/runtime";
import { requireUuid } from "@/lib/http/errors";
import { publicBaseUrl } from "@/lib/http/public-url";
import { readJsonBody } from "@/lib/http/read-json-body";

type Params = { params: Promise<{ id: string }> };

/** POST /api/canvass-entries/{id}/footage-requests { from?, to?, note?, deliver } → 201 { id, uploadUrl, expiresAt, delivery } */
export const POST = withRole<Params>("detective", async (request, ctx, { params }) => {
  const entryId = requireUuid((await params).id, "canvass entry not found");
  const runtime = evidenceRuntime();
  const agency = agencySettings();
  const services = {
    mailer: runtime.mailer,
    sms: runtime.sms,
    baseUrl: publicBaseUrl(),
    expiryDays: runtime.expiryDays,
    agencyName: agency.name,
    timeZone: agency.timeZone,
  };
  const created = await createFootageRequest({ ...ctx, ...services }, { entryId, request: await readJsonBody(request) });
  return NextResponse.json(created, { status: 201, headers: { "cache-control": "no-store" } });
});

/** GET: the stop's requests with their state. */
export const GET = withRole<Params>("detective", async (_request, { db }, { params }) => {
  const id = requireUuid((await params).id, "canvass entry not found");
  return NextResponse.json({ requests: await listFootageRequests(db, [id]) }, { headers: { "cache-control": "no-store" } });
});
