"use client";
/** "E-mail me my link": e-mail + street address + ZIP. The answer is the same whether or not anything matched. */
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { fetchJson } from "@/lib/http/fetch-json";
import { TextField, type Errors } from "./form-fields";

export function LostLinkForm() {
  const t = useTranslations("lostLink");
  const [value, setValue] = useState({ email: "", line1: "", zip: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [state, setState] = useState<"idle" | "sending" | "sent" | "error" | "limited">("idle");
  const form = useRef<HTMLFormElement>(null);
  // Counts refused sends. After each, focus the first field in error once it is on the page (an effect runs
  // after React has rendered it; a bare requestAnimationFrame could run first and find nothing), so a screen
  // reader reads its label and its message (aria-describedby).
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setState("sending");
    const res = await fetchJson("/api/manage-link-requests", { method: "POST", body: value });
    if (!res.ok && res.code === "validation" && Object.keys(res.errors).length) {
      setErrors(res.errors);
      setState("idle");
      setRefusals((n) => n + 1);
      return;
    }
    setErrors({});
    setState(res.ok ? "sent" : res.status === 429 ? "limited" : "error");
  }

  return (
    <form ref={form} noValidate onSubmit={submit} aria-label={t("send")}>
      <TextField path="email" label={t("email")} required type="email" inputMode="email" autoComplete="email" value={value.email} onChange={(v) => setValue({ ...value, email: v })} errors={errors} maxLength={254} />
      <TextField path="line1" label={t("line1")} required autoComplete="address-line1" value={value.line1} onChange={(v) => setValue({ ...value, line1: v })} errors={errors} maxLength={120} />
      <TextField path="zip" label={t("zip")} required inputMode="numeric" autoComplete="postal-code" value={value.zip} onChange={(v) => setValue({ ...value, zip: v })} errors={errors} maxLength={10} />
      <button type="submit" disabled={state === "sending"} className="mt-4 min-h-12 w-full rounded-md bg-brand-700 px-6 py-3 font-semibold text-white hover:bg-brand-900 sm:w-auto">
        {state === "sending" ? t("sending") : t("send")}
      </button>
      <p role="status" className={`mt-3 font-medium ${state === "error" || state === "limited" ? "text-red-800" : "text-green-800"}`}>
        {state === "sent" ? t("sent") : state === "limited" ? t("tooMany") : state === "error" ? t("failed") : ""}
      </p>
    </form>
  );
}
