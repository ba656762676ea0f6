import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { env } from "@/lib/env.js";
import { reviewQueue } from "@/lib/registration/review";

export const dynamic = "force-dynamic";

/** Supervisor: the review queue (pending first, un-geocoded first) and stale registrations. */
export const GET = withRole("supervisor", async (_request, { db, actor }) =>
  NextResponse.json(await reviewQueue(db, { actor, reconfirmAfterMonths: env.RECONFIRM_AFTER_MONTHS }), { headers: { "Cache-Control": "no-store" } }),
);
