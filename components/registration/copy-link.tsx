"use client";
/** The private link in a read-only field with a copy button; selecting it is the fallback where the clipboard is unavailable. */
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";

export function CopyLink({ url }: { url: string }) {
  const t = useTranslations("confirmation");
  const field = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<"" | "copied" | "failed">("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setState("copied");
    } catch {
      field.current?.select();
      setState("failed");
    }
  }
  return (
    <div className="mt-2">
      <label htmlFor="manage-link-field" className="sr-only">
        {t("linkLabel")}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={field}
          id="manage-link-field"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="min-h-11 w-full rounded-md border border-slate-500 bg-white px-3 font-mono text-sm"
        />
        <button type="button" onClick={copy} className="min-h-11 shrink-0 rounded-md bg-brand-700 px-4 font-semibold text-white hover:bg-brand-900">
          {t("copy")}
        </button>
      </div>
      <p role="status" className="mt-1 text-sm font-medium text-green-800">
        {state === "copied" ? t("copied") : state === "failed" ? t("copyFailed") : ""}
      </p>
      <p className="mt-1 break-all text-sm">
        <a className="font-mono text-brand-700 underline" href={url} data-testid="manage-link">
          {url}
        </a>
      </p>
    </div>
  );
}
