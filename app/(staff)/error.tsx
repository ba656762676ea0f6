"use client";
import Link from "next/link";
/** A staff page that failed on the server: English, in the agency's layout, with the way back to work. */
export default function StaffError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl space-y-3" role="alert" data-testid="staff-error-page">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p>The page could not be shown. Nothing was saved halfway: try again, and if it keeps failing, tell an admin with the reference below.</p>
      <p className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={reset} className="min-h-11 rounded-md bg-brand-700 px-4 font-semibold text-white">
          Try again
        </button>
        <Link href="/start" className="underline">
          Your start page
        </Link>
      </p>
      {error.digest && <p className="text-xs text-slate-600">Ref. {error.digest}</p>}
    </div>
  );
}
