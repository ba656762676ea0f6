import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { agencySettings, termsFor } from "@/lib/agency/settings";
import { registrationRuntime } from "@/lib/registration/runtime";
import { RegisterPageClient } from "@/components/registration/register-page-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("register");
  return { title: t("metaTitle") };
}
export const dynamic = "force-dynamic";

export default async function RegisterPage() {
  const agency = agencySettings();
  const locale = await getLocale();
  const t = await getTranslations("register");
  const terms = termsFor(locale);
  return (
    <div className="mx-auto max-w-2xl">
      <RegisterPageClient
        intro={
          <>
            <h1 className="text-2xl font-bold sm:text-3xl">{t("title")}</h1>
            <p className="mt-3">{t("intro", { agency: agency.name })}</p>
            <p className="mt-2 text-sm text-slate-700">
              <span aria-hidden="true">{t("requiredNote")}</span>
              <span className="sr-only">{t("requiredNoteSr")}</span>
            </p>
          </>
        }
        map={{ centerLat: agency.map.centerLat, centerLng: agency.map.centerLng, tileUrl: agency.map.tileUrl, tileAttribution: agency.map.tileAttribution }}
        termsText={terms.text}
        termsTranslated={terms.translated}
        agencyName={agency.name}
        contactEmail={agency.contactEmail}
        mailConfigured={registrationRuntime().mailer !== null}
        defaultCity={agency.defaultCity}
        defaultState={agency.defaultState}
      />
    </div>
  );
}
