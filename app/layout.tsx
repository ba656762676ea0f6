import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import "./globals.css";
import { SiteHeader } from "@/components/layout/site-header";
import { LanguageSwitch } from "@/components/i18n/language-switch";
import { SessionKeepAlive } from "@/components/auth/session-keep-alive";
import { agencySettings } from "@/lib/agency/settings";
import { getSessionPrincipal } from "@/lib/auth/session";
import { languageNames } from "@/lib/i18n/locales";

/** The title of a page that names none (not-found, errors) and the description, in the resident's language. */
export async function generateMetadata(): Promise<Metadata> {
  const agency = agencySettings();
  const t = await getTranslations("common");
  return {
    title: { default: t("siteTitle", { agency: agency.name }), template: "%s · Sightline" },
    description: t("siteDescription", { agency: agency.name }),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const agency = agencySettings();
  const principal = await getSessionPrincipal();
  // Residents get their language; signed-in staff work in English (their pages are English).
  const locale = principal ? "en" : await getLocale();
  const t = await getTranslations({ locale, namespace: "common" });
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <NextIntlClientProvider>
          <SiteHeader
            role={principal?.role ?? null}
            userName={principal?.name}
            text={{
              skipToContent: t("skipToContent"),
              registryOf: t("registryOf", { agency: agency.name }),
              navRegister: t("navRegister"),
              navStaffSignIn: t("navStaffSignIn"),
              navLabel: t("navLabel"),
            }}
            languageSwitch={principal ? undefined : <LanguageSwitch current={locale} languages={languageNames()} label={t("languageSwitch")} />}
          />
          {principal && <SessionKeepAlive />}
          <main id="main" className="mx-auto max-w-6xl px-4 py-6">
            {children}
          </main>
          <footer className="no-print mx-auto max-w-6xl px-4 pb-8 text-xs text-slate-600">
            {t("footerQuestions", { agency: agency.name })}{" "}
            <a className="underline" href={`mailto:${agency.contactEmail}`}>
              {agency.contactEmail}
            </a>
          </footer>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
