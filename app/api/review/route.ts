import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { env } from "@/lib/env.js";
import { parseInput } from "@/lib/http/field-errors";
import { reviewPageSchema, reviewQueue } from "@/lib/registration/review";

export const dynamic = "force-dynamic";

/**
 * Supervisor: the review queue (un-geocoded first) and the stale registrations, one page of each
 * (`?page=&stalePage=&pageSize=`), with their totals.
 */
export const GET = withRole("supervisor", async (request, { db, actor }) => {
  const paging = parseInput(reviewPageSchema, Object.fromEntries(new URL(request.url).searchParams));
  return NextResponse.json(await reviewQueue(db, { actor, reconfirmAfterMonths: env.RECONFIRM_AFTER_MONTHS, paging }), { headers: { "Cache-Control": "no-store" } });
});
