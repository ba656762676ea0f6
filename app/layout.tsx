import type { Metadata, Viewport } from "next";
import "./globals.css";
import { SiteHeader } from "@/components/layout/site-header";
import { SessionKeepAlive } from "@/components/auth/session-keep-alive";
import { agencySettings } from "@/lib/agency/settings";
import { getSessionPrincipal } from "@/lib/auth/session";

export const metadata: Metadata = {
  title: { default: "Sightline camera registry", template: "%s · Sightline" },
  description: "Register your exterior security cameras with your police department.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const agency = agencySettings();
  const principal = await getSessionPrincipal();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <SiteHeader agencyName={agency.name} role={principal?.role ?? null} userName={principal?.name} />
        {principal && <SessionKeepAlive />}
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
        <footer className="no-print mx-auto max-w-6xl px-4 pb-8 text-xs text-slate-600">
          {agency.name} · questions:{" "}
          <a className="underline" href={`mailto:${agency.contactEmail}`}>
            {agency.contactEmail}
          </a>
        </footer>
      </body>
    </html>
  );
}
