import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { roleAllows } from "@/lib/auth/roles";
import { env } from "@/lib/env.js";
import { REGISTRY_FILTER_LABELS, REGISTRY_FILTERS } from "@/lib/registration/labels";
import { registrySearchSchema, searchRegistry } from "@/lib/registration/registry";
import { RegistryTable } from "@/components/registry/registry-table";

export const metadata: Metadata = { title: "Registry" };
export const dynamic = "force-dynamic";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function RegistryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requireStaffPage("detective", "/registry");
  const query = await searchParams;
  const parsed = registrySearchSchema.safeParse({ q: one(query.q), status: one(query.status), page: one(query.page), pageSize: one(query.pageSize) });
  // A mistyped address bar gets the first page of everything, with a note, rather than an error page.
  const search = parsed.success ? parsed.data : registrySearchSchema.parse({});
  const answer = await searchRegistry(await getDb(), search, {
    actor: { userId: principal.userId, label: principal.email },
    reconfirmAfterMonths: env.RECONFIRM_AFTER_MONTHS,
  });
  const { timeZone } = agencySettings();
  const pageHref = (page: number) => `/registry?${new URLSearchParams({ ...(search.q ? { q: search.q } : {}), ...(search.status ? { status: search.status } : {}), page: String(page) })}`;
  const first = (answer.page - 1) * answer.pageSize + 1;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Registry</h1>
        <Link href="/registry/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 font-semibold text-white">
          Register cameras for a caller
        </Link>
      </div>
      <p className="text-sm text-slate-700">
        Every registration, by address. Contact details stay hidden until you ask for one (each is logged). Searches are logged too.
      </p>
      <form method="get" action="/registry" className="flex flex-wrap items-end gap-3" role="search" aria-label="Search the registry">
        <div>
          <label htmlFor="registry-q" className="block text-sm font-medium">
            Address
          </label>
          <input id="registry-q" name="q" defaultValue={search.q ?? ""} maxLength={120} placeholder="e.g. 1800 Mayfair" className="min-h-11 rounded-md border border-slate-500 px-3" />
        </div>
        <div>
          <label htmlFor="registry-status" className="block text-sm font-medium">
            Status
          </label>
          <select id="registry-status" name="status" defaultValue={search.status ?? ""} className="min-h-11 rounded-md border border-slate-500 bg-white px-3">
            <option value="">Any</option>
            {REGISTRY_FILTERS.map((f) => (
              <option key={f} value={f}>
                {REGISTRY_FILTER_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="min-h-11 rounded-md border-2 border-brand-700 px-4 font-semibold text-brand-700">
          Search
        </button>
      </form>
      {!parsed.success && <p className="text-sm text-amber-900">That search could not be read; showing everything.</p>}
      <p role="status" className="text-sm" data-testid="registry-count">
        {answer.total === 0
          ? "No registrations match."
          : `${first}–${first + answer.items.length - 1} of ${answer.total} registration${answer.total === 1 ? "" : "s"}`}
      </p>
      {answer.items.length > 0 && <RegistryTable rows={answer.items} canEdit={roleAllows(principal.role, "supervisor")} timeZone={timeZone} />}
      {answer.pageCount > 1 && (
        <nav aria-label="Registry pages" className="flex items-center gap-3 text-sm">
          {answer.page > 1 && (
            <Link className="inline-flex min-h-11 items-center rounded-md border-2 border-slate-600 px-3" href={pageHref(answer.page - 1)}>
              Previous
            </Link>
          )}
          <span>
            Page {answer.page} of {answer.pageCount}
          </span>
          {answer.page < answer.pageCount && (
            <Link className="inline-flex min-h-11 items-center rounded-md border-2 border-slate-600 px-3" href={pageHref(answer.page + 1)}>
              Next
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
