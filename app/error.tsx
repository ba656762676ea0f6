"use client";
import Link from "next/link";
/**
 * A page that failed on the server, in the agency's layout and the reader's
 * language (staff read English: the root layout gives them "en"). The detail
 * stays in the server log; the digest lets staff match a report to it.
 */
import { useTranslations } from "next-intl";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <div className="mx-auto max-w-xl space-y-3" role="alert" data-testid="error-page">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("body")}</p>
      <p className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={reset} className="min-h-11 rounded-md bg-brand-700 px-4 font-semibold text-white">
          {t("retry")}
        </button>
        <Link href="/" className="underline">
          {t("home")}
        </Link>
      </p>
      {error.digest && <p className="text-xs text-slate-600">Ref. {error.digest}</p>}
    </div>
  );
}
