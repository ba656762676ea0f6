import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/lib/auth/require-staff-page";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminHomePage() {
  await requireStaffPage("admin", "/admin");
  const links = [
    { href: "/admin/users", title: "Staff accounts", text: "Create accounts, change roles, disable, reset passwords, sign out everywhere." },
    { href: "/admin/tokens", title: "API tokens", text: "Issue and revoke tokens for integrations (CAD, real-time crime centre, scripts)." },
    { href: "/admin/audit", title: "Audit trail", text: "Who did what, when and from where; filter and export as CSV." },
    { href: "/admin/settings", title: "Settings", text: "The configuration in effect (agency, time zone, limits, retention, proxy…) and the daily maintenance's last run." },
  ];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Admin</h1>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {links.map((l) => (
          <li key={l.href} className="rounded border border-slate-200 bg-white p-4">
            <Link href={l.href} className="font-semibold underline">
              {l.title}
            </Link>
            <p className="mt-1 text-sm text-slate-700">{l.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
