import { NextResponse } from "next/server";
import { resetDbAfterFatalError, type Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRole } from "@/lib/auth/with-role";
import { createGeocoder } from "@/lib/geocode";
import { serviceUnavailable } from "@/lib/http/service-unavailable";
import { geocodeQuery } from "./schema";

/** The map's address box: staff only; every search is in the audit trail (never in the console). */
export const GET = withRole("detective", async (request, { db, actor }) => {
  const parsed = geocodeQuery.safeParse({ q: request.nextUrl.searchParams.get("q") ?? "" });
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "q", i.message]));
    return NextResponse.json({ errors }, { status: 422 });
  }
  try {
    const answer = await createGeocoder(db).geocode(parsed.data.q);
    await db.transaction(async (tx) => {
      await recordAudit(tx as unknown as Db, actor, {
        action: "geocode.search",
        targetType: "address",
        details: { query: parsed.data.q, found: answer.found, method: answer.found ? answer.method : null },
      });
    });
    return NextResponse.json(answer, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    // The message may quote the query; log only what kind of failure it was.
    console.error(`[geocode] search failed: ${err instanceof Error ? err.name : "error"}`);
    await resetDbAfterFatalError(err);
    return serviceUnavailable("geocoding is unavailable right now");
  }
});
