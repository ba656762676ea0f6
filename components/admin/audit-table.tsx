import Link from "next/link";
import type { AuditEntry } from "@/db/schema";
import { currentAuditAction } from "@/lib/audit/actions";
import { actorRef, changeLines, detailLines, targetRef, type AuditNames, type AuditRef } from "@/lib/audit/describe-audit";
import { formatAgencyTime } from "@/lib/time/agency-time";

function Ref({ value }: { value: AuditRef }) {
  return (
    <>
      {value.href ? (
        // No prefetch: the pages these open record a view when rendered (audit.viewed, canvass.viewed), and a page of
        // 200 rows must not record hundreds of views nobody made.
        <Link href={value.href} prefetch={false} className="underline" title={value.id}>
          {value.text}
        </Link>
      ) : (
        <span title={value.id}>{value.text}</span>
      )}
      {value.sub && <span className="block text-slate-600">{value.sub}</span>}
    </>
  );
}

/** What an entry changed, "field: before → after", then its other facts; the recorded JSON one click away. */
function Details({ entry, names, timeZone }: { entry: AuditEntry; names: AuditNames; timeZone: string }) {
  const changes = changeLines(entry.details, names, timeZone);
  const facts = detailLines(entry.details, names, timeZone);
  const hasDetails = entry.details && Object.keys(entry.details).length > 0;
  return (
    <>
      {changes.length > 0 && (
        <ul data-testid="audit-changes" className="space-y-0.5">
          {changes.map((c) => (
            <li key={c.field} data-change-field={c.field}>
              <span className="font-medium">{c.label}:</span>{" "}
              {c.changedOnly ? (
                <span className="italic">changed</span>
              ) : (
                <>
                  <span className="text-slate-600 line-through decoration-slate-400">{c.before}</span> → <span>{c.after}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {facts.length > 0 && (
        <dl className="mt-0.5 grid grid-cols-[auto_1fr] gap-x-2 text-slate-700">
          {facts.map((f) => (
            <div key={f.label} className="contents">
              <dt className="font-medium">{f.label}</dt>
              <dd className="break-words">{f.ref ? <Ref value={f.ref} /> : f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {hasDetails && (
        <details className="mt-0.5 text-slate-500">
          <summary className="cursor-pointer">as recorded</summary>
          <code className="block max-w-md break-all font-mono">{JSON.stringify(entry.details)}</code>
        </details>
      )}
    </>
  );
}

/** The audit trail as people read it: names and links for who and what, changes in words, agency time. */
export function AuditTable({ rows, names, timeZone }: { rows: AuditEntry[]; names: AuditNames; timeZone: string }) {
  return (
    <table className="w-full border-collapse bg-white text-xs" data-testid="audit-table">
      <thead>
        <tr className="border-b text-left">
          <th className="p-2">When</th>
          <th className="p-2">Who</th>
          <th className="p-2">Action</th>
          <th className="p-2">On</th>
          <th className="p-2">What changed / details</th>
          <th className="p-2">From</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const target = targetRef(r, names);
          return (
            <tr key={r.id} className="border-b align-top" data-audit-id={r.id} data-action={r.action}>
              <td className="whitespace-nowrap p-2">
                <time dateTime={r.at.toISOString()} title={r.at.toISOString()}>
                  {formatAgencyTime(r.at, timeZone)}
                </time>
              </td>
              <td className="p-2" data-testid="audit-actor">
                <Ref value={actorRef(r, names)} />
              </td>
              <td className="p-2 font-mono" title={currentAuditAction(r.action) === r.action ? undefined : `stored as ${r.action}`}>
                {currentAuditAction(r.action)}
              </td>
              <td className="p-2" data-testid="audit-target">
                {target ? <Ref value={target} /> : ""}
              </td>
              <td className="max-w-md p-2">
                <Details entry={r} names={names} timeZone={timeZone} />
              </td>
              <td className="p-2">{r.ip ?? ""}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
