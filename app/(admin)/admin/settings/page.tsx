import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { effectiveSettings } from "@/lib/agency/effective-settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { env } from "@/lib/env.js";
import { publicBaseUrl } from "@/lib/http/public-url";
import { lastMaintenanceRun, nextMaintenanceRun } from "@/lib/maintenance/last-run";
import { formatAgencyTime } from "@/lib/time/agency-time";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

/** The deployment's configuration in effect, read-only (it is set in the environment), and the daily maintenance's last run. */
export default async function AdminSettingsPage() {
  await requireStaffPage("admin", "/admin/settings");
  const groups = effectiveSettings(env, process.env, publicBaseUrl());
  const last = await lastMaintenanceRun(await getDb());
  const next = nextMaintenanceRun(env.MAINTENANCE_SCHEDULE, env.AGENCY_TIME_ZONE);
  const when = (d: Date) => formatAgencyTime(d, env.AGENCY_TIME_ZONE);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Settings</h1>
        <p className="mt-1 text-sm text-slate-700">
          The configuration this deployment runs with. It is set in the server&apos;s environment (README, &quot;Configuration&quot;) and read at start: change it
          there and restart the app. Secrets are never shown.
        </p>
      </div>

      <section className="rounded border border-slate-200 bg-white p-4" aria-labelledby="maintenance-title" data-testid="maintenance-status">
        <h2 id="maintenance-title" className="font-semibold">
          Daily maintenance
        </h2>
        <p className="mt-1 text-sm">
          {next ? <>Next run: {when(next)}.</> : <>Not scheduled in the app (MAINTENANCE_SCHEDULE=off): an external timer must run it.</>}{" "}
          {last ? (
            <>
              Last run: {when(last.at)}
              {last.trigger ? ` (${last.trigger === "cli" ? "command line" : "scheduled"})` : ""}
              {last.ok ? "." : <strong className="text-red-800">, failed.</strong>}
            </>
          ) : (
            "It has not run yet."
          )}
        </p>
        {last && last.lines.length > 0 && (
          <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
            {last.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        <p className="mt-1 text-sm">
          <Link className="underline" href="/admin/audit?action=maintenance.">
            Every run in the audit trail
          </Link>
        </p>
      </section>

      {groups.map((group) => (
        <section key={group.title} className="rounded border border-slate-200 bg-white p-4" aria-labelledby={`settings-${group.title}`}>
          <h2 id={`settings-${group.title}`} className="mb-2 font-semibold">
            {group.title}
          </h2>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[minmax(0,18rem)_minmax(0,1fr)]" data-testid="settings-group">
            {group.rows.map((row) => (
              <div key={row.variable} className="contents" data-testid="setting" data-variable={row.variable}>
                <dt>
                  <span className="font-medium">{row.label}</span>
                  <span className="block font-mono text-xs text-slate-600 [overflow-wrap:anywhere]">{row.variable}</span>
                </dt>
                {/* URLs and cron patterns have no spaces: they wrap anywhere rather than widen a phone's page. */}
                <dd className="[overflow-wrap:anywhere]">
                  {row.value}
                  {row.isDefault && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">default</span>}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
