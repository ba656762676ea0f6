"use client";

import { useState } from "react";

/** Shows the QR code and secret of a pending enrolment, asks for the first code, then the recovery codes. */
export function TotpEnrolmentSteps({
  qrDataUrl,
  secret,
  onConfirm,
}: {
  qrDataUrl: string;
  secret: string;
  onConfirm: (code: string) => Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; error: string }>;
}) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="space-y-3">
      <p>Scan this code with an authenticator app (e.g. Microsoft Authenticator, Google Authenticator, 1Password), then enter the 6-digit code it shows.</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL generated on the server */}
      <img src={qrDataUrl} alt="QR code for the authenticator app" width={220} height={220} className="border border-slate-200" />
      <p className="text-sm">
        Cannot scan? Enter this key: <code data-testid="totp-secret" className="select-all break-all font-mono">{secret}</code>
      </p>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          const result = await onConfirm(code);
          setBusy(false);
          if (!result.ok) setError(result.error === "wrong_code" ? "That code is not right; check the phone's clock and try the next one." : "Could not confirm; start again.");
        }}
      >
        <label className="flex flex-col text-sm">
          <span className="font-medium">Code from the app</span>
          <input
            name="enrolCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1.5"
          />
        </label>
        <button type="submit" disabled={busy} className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white">
          Confirm
        </button>
      </form>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}

export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-3">
      <p className="font-medium">Recovery codes: each works once if you lose your phone. Store them somewhere safe; they are shown only now.</p>
      <ul data-testid="recovery-codes" className="mt-2 grid grid-cols-2 gap-1 font-mono">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}
