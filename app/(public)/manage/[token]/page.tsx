import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { languageNames } from "@/lib/i18n/locales";
import { findByManageToken, ownerView } from "@/lib/registration/manage";
import { registrationRuntime } from "@/lib/registration/runtime";
import { ManagePanel } from "@/components/registration/manage-panel";

// The token is in the URL: keep it out of search engines and Referer headers.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("manage");
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}
export const dynamic = "force-dynamic";

export default async function ManagePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const registration = await findByManageToken(db, token);
  // A dead or replaced link: the lost-link page (not-found.tsx beside this page), with a 404.
  if (!registration) notFound();
  const view = await ownerView(db, registration);
  const agency = agencySettings();
  const t = await getTranslations("manage");
  const languageName = languageNames().find((l) => l.locale === view.locale)?.name ?? view.locale;
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-slate-700">
        {view.details.address.line1}
        {view.details.address.unit ? `, ${view.details.address.unit}` : ""}, {view.details.address.city}
      </p>
      <div className="mt-6">
        <ManagePanel
          token={token}
          view={view}
          map={{ centerLat: agency.map.centerLat, centerLng: agency.map.centerLng, tileUrl: agency.map.tileUrl, tileAttribution: agency.map.tileAttribution }}
          agencyName={agency.name}
          contactEmail={agency.contactEmail}
          languageName={languageName}
          mailConfigured={registrationRuntime().mailer !== null}
        />
      </div>
    </div>
  );
}
