import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { agencySettings } from "@/lib/agency/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("home");
  return { title: t("metaTitle") };
}

export default async function HomePage() {
  const agency = agencySettings();
  const t = await getTranslations("home");
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("title", { agency: agency.name })}</h1>
      <p>{t("intro")}</p>
      <ul className="list-disc space-y-1 pl-6">
        <li>{t("requirementExterior")}</li>
        <li>{t("requirementRecords")}</li>
      </ul>
      <p>{t("whatHappens")}</p>
      <Link href="/register" className="inline-block rounded-md bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-900">
        {t("cta")}
      </Link>
      <p className="text-sm text-slate-700">
        {t("alreadyRegistered")}{" "}
        <Link className="underline" href="/lost-link">
          {t("lostLink")}
        </Link>
        . {t("reportChangeByEmail", { email: agency.contactEmail })}
      </p>
    </div>
  );
}
