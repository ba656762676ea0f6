import { NextResponse } from "next/server";
import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRole } from "@/lib/auth/with-role";
import { createGeocoder } from "@/lib/geocode";
import { RemoteGeocoderError } from "@/lib/geocode/remote/http";
import { parseInput } from "@/lib/http/field-errors";
import { unavailableError } from "@/lib/http/service-unavailable";
import { geocodeQuery } from "./schema";

/** The map's address box: staff only; every search is in the audit trail (never in the console). */
export const GET = withRole("detective", async (request, { db, actor }) => {
  const { q } = parseInput(geocodeQuery, { q: request.nextUrl.searchParams.get("q") ?? "" });
  let answer;
  try {
    answer = await createGeocoder(db).geocode(q);
  } catch (err) {
    if (!(err instanceof RemoteGeocoderError)) throw err;
    // The message may quote the query; log only what kind of failure it was.
    console.error(`[geocode] remote geocoder failed: ${err.name}`);
    throw unavailableError("geocoding is unavailable right now");
  }
  await db.transaction(async (tx) => {
    await recordAudit(tx as unknown as Db, actor, {
      action: "geocode.searched",
      targetType: "address",
      details: { query: q, found: answer.found, method: answer.found ? answer.method : null },
    });
  });
  return NextResponse.json(answer, { headers: { "cache-control": "no-store" } });
});
