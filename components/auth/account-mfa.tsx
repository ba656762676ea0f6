"use client";

import { useState } from "react";
import type { EnrolmentOffer, EnrolmentResult } from "@/lib/auth/mfa-enrolment";
import { RecoveryCodes, TotpEnrolmentSteps } from "./totp-enrolment";

/**
 * Opt-in second-factor enrolment for a signed-in user (optional in the demo, required on a server).
 * The page passes its server actions in (`startEnrolment`, `finishEnrolment`).
 */
export function AccountMfa({
  enrolled,
  startEnrolment,
  finishEnrolment,
}: {
  enrolled: boolean;
  startEnrolment: () => Promise<EnrolmentOffer>;
  finishEnrolment: (code: string) => Promise<EnrolmentResult>;
}) {
  const [pending, setPending] = useState<{ qrDataUrl: string; secret: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (codes) return <RecoveryCodes codes={codes} />;
  if (enrolled) return <p>Your second factor is on. If you lose your phone, use a recovery code, or ask an admin to reset it.</p>;
  if (pending)
    return (
      <TotpEnrolmentSteps
        qrDataUrl={pending.qrDataUrl}
        secret={pending.secret}
        onConfirm={async (code) => {
          const result = await finishEnrolment(code);
          if (result.ok) setCodes(result.recoveryCodes);
          return result;
        }}
      />
    );
  return (
    <div className="space-y-2">
      <p>No second factor yet.</p>
      <button
        type="button"
        className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white"
        onClick={async () => {
          const start = await startEnrolment();
          if (start.ok) setPending(start);
          else setError("Could not start enrolment.");
        }}
      >
        Set up an authenticator app
      </button>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}
