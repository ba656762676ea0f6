import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { env } from "@/lib/env.js";
import { reviewQueue } from "@/lib/registration/review";
import { ReviewQueue } from "@/components/review/review-queue";

export const metadata: Metadata = { title: "Review queue" };
export const dynamic = "force-dynamic";

export default async function ReviewPage() {
  const principal = await requireStaffPage("supervisor", "/review");
  const db = await getDb();
  const queue = await reviewQueue(db, {
    actor: { userId: principal.userId, label: principal.email },
    reconfirmAfterMonths: env.RECONFIRM_AFTER_MONTHS,
  });
  const map = agencySettings().map;
  return (
    <div>
      <h1 className="text-2xl font-bold">Review queue</h1>
      <p className="mt-1 text-slate-700">Registrations that are not on the map come first: detectives cannot find them until they are placed.</p>
      <div className="mt-6">
        <ReviewQueue pending={queue.pending} stale={queue.stale} map={{ centerLat: map.centerLat, centerLng: map.centerLng, tileUrl: map.tileUrl, tileAttribution: map.tileAttribution }} reconfirmAfterMonths={env.RECONFIRM_AFTER_MONTHS} />
      </div>
    </div>
  );
}
