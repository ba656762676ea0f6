"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import type { EnrolmentOffer, EnrolmentResult } from "@/lib/auth/mfa-enrolment";
import { RecoveryCodes, TotpEnrolmentSteps } from "./totp-enrolment";

type Step = "password" | "code" | "enrol" | "recovery";

const GENERIC_ERROR = "The e-mail or password is wrong, or the account is locked for a while. Try again later or ask an admin.";

/** E-mail + password, then (when the account has one) the second factor; enrolment when it must have one. */
export function SignInForm({
  callbackUrl,
  oidcName,
  startEnrolment,
  finishEnrolment,
}: {
  callbackUrl: string;
  oidcName: string | null;
  /** The sign-in page's server actions, passed in (components do not import from app/). */
  startEnrolment: (input: { email: string; password: string }) => Promise<EnrolmentOffer>;
  finishEnrolment: (input: { email: string; password: string; code: string }) => Promise<EnrolmentResult>;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [otp, setOtp] = useState("");
  const [step, setStep] = useState<Step>("password");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [enrolment, setEnrolment] = useState<{ qrDataUrl: string; secret: string } | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>([]);
  const [enrolCode, setEnrolCode] = useState("");

  async function attempt(code?: string) {
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", { email, password, otp: code ?? otp, redirect: false, callbackUrl });
    setBusy(false);
    if (result?.ok && !result.error) {
      // A full navigation so the server renders the header with the new session.
      window.location.assign(callbackUrl);
      return;
    }
    switch (result?.error) {
      case "mfa_required":
        setStep("code");
        return;
      case "mfa_invalid":
        setStep("code");
        setError("That code is not right (or was already used).");
        return;
      case "mfa_enrolment_required": {
        const start = await startEnrolment({ email, password });
        if (start.ok) {
          setEnrolment({ qrDataUrl: start.qrDataUrl, secret: start.secret });
          setStep("enrol");
        } else setError(GENERIC_ERROR);
        return;
      }
      default:
        setStep("password");
        setError(GENERIC_ERROR);
    }
  }

  return (
    <div className="space-y-4">
      {step === "password" && (
        <form
          // POST, so a submit before the page's script runs never puts the password (or code) in the URL and access logs.
          method="post"
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void attempt("");
          }}
        >
          <label className="flex flex-col">
            <span className="font-medium">E-mail</span>
            <input name="email" type="email" required autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} className="rounded border border-slate-300 px-2 py-2" />
          </label>
          <label className="flex flex-col">
            <span className="font-medium">Password</span>
            <input name="password" type="password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} className="rounded border border-slate-300 px-2 py-2" />
          </label>
          <button type="submit" disabled={busy} className="w-full rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
            Sign in
          </button>
        </form>
      )}
      {step === "code" && (
        <form
          // POST, so a submit before the page's script runs never puts the password (or code) in the URL and access logs.
          method="post"
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void attempt();
          }}
        >
          <label className="flex flex-col">
            <span className="font-medium">Code from your authenticator app, or a recovery code</span>
            <input name="otp" required autoComplete="one-time-code" autoFocus value={otp} onChange={(e) => setOtp(e.target.value)} className="rounded border border-slate-300 px-2 py-2" />
          </label>
          <button type="submit" disabled={busy} className="w-full rounded bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
            Verify
          </button>
        </form>
      )}
      {step === "enrol" && enrolment && (
        <div className="space-y-2">
          <h2 className="text-lg font-semibold">Set up your second factor</h2>
          <p className="text-sm">Staff accounts here need a second factor before they can sign in.</p>
          <TotpEnrolmentSteps
            qrDataUrl={enrolment.qrDataUrl}
            secret={enrolment.secret}
            onConfirm={async (code) => {
              const result = await finishEnrolment({ email, password, code });
              if (result.ok) {
                setEnrolCode(code);
                setRecoveryCodes(result.recoveryCodes);
                setStep("recovery");
              }
              return result;
            }}
          />
        </div>
      )}
      {step === "recovery" && (
        <div className="space-y-3">
          <RecoveryCodes codes={recoveryCodes} />
          <button type="button" disabled={busy} onClick={() => void attempt(enrolCode)} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white">
            I have saved them — continue
          </button>
        </div>
      )}
      {error && (
        <p role="alert" data-testid="sign-in-error" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {oidcName && step === "password" && (
        <button type="button" onClick={() => void signIn("oidc", { callbackUrl })} className="w-full rounded border border-slate-300 px-4 py-2">
          Sign in with {oidcName}
        </button>
      )}
    </div>
  );
}
