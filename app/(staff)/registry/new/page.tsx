import type { Metadata } from "next";
import Link from "next/link";
import { agencySettings, termsFor } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { languageNames } from "@/lib/i18n/locales";
import { StaffRegistrationEntry } from "@/components/registry/staff-registration-entry";

export const metadata: Metadata = { title: "Register cameras for a caller" };
export const dynamic = "force-dynamic";

export default async function NewRegistrationPage() {
  await requireStaffPage("detective", "/registry/new");
  const agency = agencySettings();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p className="text-sm">
        <Link className="underline" href="/registry">
          Registry
        </Link>{" "}
        › New
      </p>
      <h1 className="text-2xl font-bold">Register cameras for a caller</h1>
      <p className="text-slate-700">
        For a resident or business who phones or walks in. Ask every question as the public form does, read the terms out, and tick the consent box only
        when the caller agrees. The registration is recorded as entered by you and geocoded like the public form.
      </p>
      <StaffRegistrationEntry
        map={{ centerLat: agency.map.centerLat, centerLng: agency.map.centerLng, tileUrl: agency.map.tileUrl, tileAttribution: agency.map.tileAttribution }}
        languages={languageNames().map(({ locale, name }) => {
          const terms = termsFor(locale);
          return { locale, name, termsText: terms.text, termsTranslated: terms.translated };
        })}
        agencyName={agency.name}
        defaultCity={agency.defaultCity}
        defaultState={agency.defaultState}
      />
    </div>
  );
}
