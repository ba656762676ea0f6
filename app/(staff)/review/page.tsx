import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { env } from "@/lib/env.js";
import { reviewPageSchema, reviewQueue } from "@/lib/registration/review";
import { ReviewQueue } from "@/components/review/review-queue";
import { ReviewHelp } from "@/components/review/review-help";

export const metadata: Metadata = { title: "Review queue" };
export const dynamic = "force-dynamic";

export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requireStaffPage("supervisor", "/review");
  const query = await searchParams;
  // A bad page number in the address bar shows the first page rather than an error.
  const paging = reviewPageSchema.safeParse({ page: query.page, stalePage: query.stalePage, pageSize: query.pageSize });
  const db = await getDb();
  const queue = await reviewQueue(db, {
    actor: { userId: principal.userId, label: principal.email },
    reconfirmAfterMonths: env.RECONFIRM_AFTER_MONTHS,
    paging: paging.success ? paging.data : {},
  });
  const map = agencySettings().map;
  return (
    <div>
      <h1 className="text-2xl font-bold">Review queue</h1>
      <p className="mt-1 text-slate-700">Registrations that are not on the map come first: detectives cannot find them until they are placed.</p>
      <ReviewHelp />
      <div className="mt-6">
        <ReviewQueue
          queue={queue}
          map={{ centerLat: map.centerLat, centerLng: map.centerLng, tileUrl: map.tileUrl, tileAttribution: map.tileAttribution }}
          reconfirmAfterMonths={env.RECONFIRM_AFTER_MONTHS}
          timeZone={agencySettings().timeZone}
        />
      </div>
    </div>
  );
}
