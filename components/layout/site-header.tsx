import Link from "next/link";
import type { ReactNode } from "react";

export type NavRole = "detective" | "supervisor" | "admin" | null;

interface NavItem {
  href: string;
  label: string;
  minRole: NavRole;
}

const RANK: Record<Exclude<NavRole, null>, number> = { detective: 1, supervisor: 2, admin: 3 };

/** Navigation shown by role; the server still checks every page and route itself. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/register", label: "Register a camera", minRole: null },
  { href: "/map", label: "Investigation map", minRole: "detective" },
  { href: "/my-canvass", label: "My canvass", minRole: "detective" },
  { href: "/incidents", label: "Incidents", minRole: "detective" },
  { href: "/registry", label: "Registry", minRole: "detective" },
  { href: "/review", label: "Review queue", minRole: "supervisor" },
  { href: "/dashboard", label: "Dashboard", minRole: "supervisor" },
  { href: "/admin", label: "Admin", minRole: "admin" },
];

export function visibleNavItems(role: NavRole): NavItem[] {
  return NAV_ITEMS.filter((item) => item.minRole === null || (role !== null && RANK[role] >= RANK[item.minRole]));
}

/** What a resident reads in the header, in their language (staff navigation stays English). */
export interface PublicHeaderText {
  skipToContent: string;
  registryOf: string;
  navRegister: string;
  navStaffSignIn: string;
  /** The navigation landmark's name, read out by screen readers. */
  navLabel: string;
}

function NavLinks({ role, userName, text, itemClass }: { role: NavRole; userName?: string; text: PublicHeaderText; itemClass: string }) {
  return (
    <>
      {visibleNavItems(role).map((item) => (
        <li key={item.href}>
          <Link className={itemClass} href={item.href}>
            {item.minRole === null ? text.navRegister : item.label}
          </Link>
        </li>
      ))}
      {role && (
        <li>
          <Link className={itemClass} href="/account">
            Account
          </Link>
        </li>
      )}
      <li>
        {role ? (
          <Link className={itemClass} href="/signout">
            Sign out{userName ? ` (${userName})` : ""}
          </Link>
        ) : (
          <Link className={itemClass} href="/signin">
            {text.navStaffSignIn}
          </Link>
        )}
      </li>
    </>
  );
}

/**
 * The agency's header. Staff on a phone get the brand on one line and their
 * links behind a Menu button (no JavaScript: a <details>), so the header stays
 * one row high instead of wrapping over a third of the screen.
 */
export function SiteHeader({
  role,
  userName,
  text,
  languageSwitch,
}: {
  role: NavRole;
  userName?: string;
  text: PublicHeaderText;
  /** Shown to residents on every public page; staff pages stay English. */
  languageSwitch?: ReactNode;
}) {
  return (
    <header className="no-print border-b border-slate-200 bg-brand-900 text-white" data-testid="site-header">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2 focus:text-black">
        {text.skipToContent}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2 sm:py-3">
        <Link href={role ? "/start" : "/"} className="font-semibold tracking-tight">
          <span className="block text-lg">Sightline</span>
          <span className={`block text-xs font-normal text-blue-100 ${role ? "max-sm:hidden" : ""}`}>{text.registryOf}</span>
        </Link>
        <nav aria-label={text.navLabel} className={role ? "max-sm:hidden" : ""}>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <NavLinks role={role} userName={userName} text={text} itemClass="hover:underline" />
          </ul>
        </nav>
        {role && (
          <details className="relative sm:hidden" data-testid="staff-menu">
            <summary className="flex min-h-11 min-w-11 cursor-pointer list-none items-center rounded-md border border-blue-200 px-3 text-sm font-semibold [&::-webkit-details-marker]:hidden">
              Menu
            </summary>
            <nav aria-label={text.navLabel} className="absolute right-0 z-[1100] mt-1 w-64 rounded-md border border-blue-200 bg-brand-900 p-2 shadow-lg">
              <ul className="flex flex-col text-base">
                <NavLinks role={role} userName={userName} text={text} itemClass="flex min-h-11 items-center rounded px-2 hover:bg-brand-700" />
              </ul>
            </nav>
          </details>
        )}
        {languageSwitch}
      </div>
    </header>
  );
}
