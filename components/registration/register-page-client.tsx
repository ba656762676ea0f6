"use client";
/** The register page's two states: the form, then the confirmation. */
import { useState } from "react";
import { RegistrationConfirmation } from "./registration-confirmation";
import { RegistrationForm, type MapConfig, type SubmitResult } from "./registration-form";

export function RegisterPageClient(p: { map: MapConfig; termsText: string; agencyName: string; contactEmail: string; defaultCity: string; defaultState: string }) {
  const [result, setResult] = useState<SubmitResult | null>(null);
  if (result) return <RegistrationConfirmation result={result} map={p.map} contactEmail={p.contactEmail} />;
  return (
    <RegistrationForm
      mode="register"
      map={p.map}
      termsText={p.termsText}
      agencyName={p.agencyName}
      onRegistered={(r) => {
        setResult(r);
        window.scrollTo(0, 0);
      }}
    />
  );
}
