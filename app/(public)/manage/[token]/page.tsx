import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { findByManageToken, ownerView } from "@/lib/registration/manage";
import { ManagePanel } from "@/components/registration/manage-panel";

// The token is in the URL: keep it out of search engines and Referer headers.
export const metadata: Metadata = { title: "Your camera registration", robots: { index: false, follow: false }, referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ManagePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const registration = await findByManageToken(db, token);
  if (!registration) notFound();
  const view = await ownerView(db, registration);
  const agency = agencySettings();
  const lastConfirmedText = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: agency.timeZone }).format(registration.lastConfirmedAt);
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold">Your camera registration</h1>
      <p className="mt-1 text-slate-700">
        {view.details.address.line1}
        {view.details.address.unit ? `, ${view.details.address.unit}` : ""}, {view.details.address.city}
      </p>
      <div className="mt-6">
        <ManagePanel
          token={token}
          view={view}
          lastConfirmedText={lastConfirmedText}
          map={{ centerLat: agency.map.centerLat, centerLng: agency.map.centerLng, tileUrl: agency.map.tileUrl, tileAttribution: agency.map.tileAttribution }}
          agencyName={agency.name}
          contactEmail={agency.contactEmail}
        />
      </div>
    </div>
  );
}
