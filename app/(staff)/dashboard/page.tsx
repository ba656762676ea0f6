import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { OUTCOME_LABELS } from "@/lib/canvass/canvass-types";
import { formatAgencyTime } from "@/lib/time/agency-time";
import { loadProgramDashboard } from "@/lib/canvass/program-dashboard";
import { CoverageMapLoader } from "@/components/canvass/coverage-map-loader";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

const STATUS_LABELS: Record<string, string> = { pending_review: "Pending review", active: "Active", inactive: "Inactive", withdrawn: "Withdrawn" };
const percent = (part: number, whole: number) => (whole === 0 ? "–" : `${Math.round((100 * part) / whole)}%`);

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded border border-slate-200 bg-white p-3">
      <h2 className="mb-2 text-sm font-semibold text-slate-800">{title}</h2>
      {children}
    </section>
  );
}

export default async function DashboardPage() {
  await requireStaffPage("supervisor", "/dashboard");
  const agency = agencySettings();
  const d = await loadProgramDashboard(await getDb());
  const totalRegistrations = Object.values(d.registrations.byStatus).reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">Program dashboard</h1>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={`Open incidents (${d.openIncidents.length})`}>
          {d.openIncidents.length === 0 ? <p className="text-sm text-slate-600">No open incidents.</p> : null}
          <ul className="space-y-2 text-sm">
            {d.openIncidents.map((i) => (
              <li key={i.id} data-testid="incident-progress">
                <div className="flex justify-between gap-2">
                  <span>
                    <Link className="underline" href={`/incidents/${i.id}/canvass`}>
                      {i.label}
                    </Link>
                    {/* Two incidents can share a case number: the time tells them apart. */}
                    <span className="ml-2 text-xs text-slate-600">{formatAgencyTime(i.occurredFrom, agency.timeZone)}</span>
                  </span>
                  <span className="text-xs text-slate-600">
                    {i.done}/{i.entries} done · {i.contacted} contacted · {i.byOutcome.footage_collected} with footage
                  </span>
                </div>
                <div className="mt-1 h-2 rounded bg-slate-100" role="progressbar" aria-valuenow={i.done} aria-valuemin={0} aria-valuemax={i.entries} aria-label={`${i.label} canvass progress`}>
                  <div className="h-2 rounded bg-brand-600" style={{ width: `${i.entries ? (100 * i.done) / i.entries : 0}%` }} />
                </div>
              </li>
            ))}
          </ul>
        </Card>

        <Card title={`Footage deadlines in the next 48 h (${d.deadlinesNext48h.length})`}>
          {d.deadlinesNext48h.length === 0 ? <p className="text-sm text-slate-600">None.</p> : null}
          <table className="w-full text-sm">
            <tbody>
              {d.deadlinesNext48h.map((x) => (
                <tr key={x.entryId} className="border-b border-slate-100">
                  <td className="py-1 pr-2 text-amber-900">{formatAgencyTime(x.footageDeadline, agency.timeZone)}</td>
                  <td className="py-1 pr-2">{x.address}</td>
                  <td className="py-1 pr-2">
                    <Link className="underline" href={`/incidents/${x.incidentId}/canvass`}>
                      {x.incidentLabel}
                    </Link>
                  </td>
                  <td className="py-1 text-xs text-slate-600">{OUTCOME_LABELS[x.outcome]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>

        <Card title={`Registrations (${totalRegistrations})`}>
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
            {Object.entries(d.registrations.byStatus).map(([status, n]) => (
              <div key={status}>
                <dt className="text-xs text-slate-500">{STATUS_LABELS[status] ?? status}</dt>
                <dd className="font-semibold">{n}</dd>
              </div>
            ))}
            <div>
              <dt className="text-xs text-slate-500">Awaiting review</dt>
              <dd className="font-semibold">
                <Link className="underline" href="/review">
                  {d.registrations.awaitingReview}
                </Link>
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Stale (not confirmed in {d.registrations.reconfirmAfterMonths} months)</dt>
              <dd className="font-semibold">{d.registrations.stale}</dd>
            </div>
          </dl>
        </Card>

        <Card title="Outcomes over time: how often a canvass yields footage">
          {d.outcomesByMonth.length === 0 ? <p className="text-sm text-slate-600">No canvasses yet.</p> : null}
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th className="pr-2">Month</th>
                <th className="pr-2">Canvasses</th>
                <th className="pr-2">With footage</th>
                <th className="pr-2">Sites</th>
                <th>Sites with footage</th>
              </tr>
            </thead>
            <tbody>
              {d.outcomesByMonth.map((m) => (
                <tr key={m.month} className="border-t border-slate-100">
                  <td className="pr-2">{m.month}</td>
                  <td className="pr-2">{m.incidents}</td>
                  <td className="pr-2">
                    {m.incidentsWithFootage} ({percent(m.incidentsWithFootage, m.incidents)})
                  </td>
                  <td className="pr-2">{m.entries}</td>
                  <td>
                    {m.entriesWithFootage} ({percent(m.entriesWithFootage, m.entries)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>

      <Card title={`Coverage: ${d.coverage.sites} active registered sites; ${d.coverage.emptyCells} of ${d.coverage.grid.features.length} cells (${d.coverage.cellSideM} m hexagons) have none`}>
        <CoverageMapLoader
          grid={d.coverage.grid}
          centerlines={d.coverage.centerlines}
          center={[agency.map.centerLng, agency.map.centerLat]}
          tileUrl={agency.map.tileUrl}
          tileAttribution={agency.map.tileAttribution}
        />
        <p className="mt-1 text-xs text-slate-600">Red cells have no registered camera: places to target outreach.</p>
      </Card>
    </div>
  );
}
