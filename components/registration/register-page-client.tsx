"use client";
/** The register page's two states: the intro and the form, then only the confirmation. */
import { useState, type ReactNode } from "react";
import { RegistrationConfirmation } from "./registration-confirmation";
import { RegistrationForm, type MapConfig, type SubmitResult } from "./registration-form";
import { emptyForm, type RegistrationFormState } from "./form-model";

export function RegisterPageClient(p: {
  intro: ReactNode;
  map: MapConfig;
  termsText: string;
  termsTranslated: boolean;
  agencyName: string;
  contactEmail: string;
  mailConfigured: boolean;
  defaultCity: string;
  defaultState: string;
}) {
  const [done, setDone] = useState<{ result: SubmitResult; form: RegistrationFormState } | null>(null);
  if (done) return <RegistrationConfirmation result={done.result} form={done.form} map={p.map} contactEmail={p.contactEmail} mailConfigured={p.mailConfigured} />;
  return (
    <>
      {p.intro}
      <div className="mt-6">
        <RegistrationForm
          mode="register"
          map={p.map}
          termsText={p.termsText}
          termsTranslated={p.termsTranslated}
          agencyName={p.agencyName}
          mailConfigured={p.mailConfigured}
          initial={emptyForm({ city: p.defaultCity, state: p.defaultState })}
          onRegistered={(result, form) => {
            setDone({ result, form });
            window.scrollTo(0, 0);
          }}
        />
      </div>
    </>
  );
}
