import type { Metadata } from "next";
import { agencySettings } from "@/lib/agency/settings";
import { RegisterPageClient } from "@/components/registration/register-page-client";

export const metadata: Metadata = { title: "Register your cameras" };
export const dynamic = "force-dynamic";

export default function RegisterPage() {
  const agency = agencySettings();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold sm:text-3xl">Register your security cameras</h1>
      <p className="mt-3">
        Help the {agency.name} investigate and solve crimes. If a crime happens near a registered camera, an investigator may
        contact you and ask to review or copy footage from the date and time of the incident. Registering does not give anyone
        access to your cameras.
      </p>
      <p className="mt-2 text-sm text-slate-700">
        Fields marked <span aria-hidden="true">*</span>
        <span className="sr-only">with an asterisk</span> are required. It takes about five minutes.
      </p>
      <div className="mt-6">
        <RegisterPageClient
          map={{ centerLat: agency.map.centerLat, centerLng: agency.map.centerLng, tileUrl: agency.map.tileUrl, tileAttribution: agency.map.tileAttribution }}
          termsText={agency.termsText}
          agencyName={agency.name}
          contactEmail={agency.contactEmail}
          defaultCity=""
          defaultState=""
        />
      </div>
    </div>
  );
}
