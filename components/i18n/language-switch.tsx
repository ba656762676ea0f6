"use client";
/**
 * The visible language switch on every public page. Each language is named in
 * itself ("Español"). With JavaScript the cookie is set here and the page
 * re-renders in place (a half-filled form keeps its answers); without it the
 * link goes through /language, which sets the same cookie and comes back.
 */
import { usePathname, useRouter } from "next/navigation";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S } from "@/lib/i18n/config";

export function LanguageSwitch(p: { current: string; languages: { locale: string; name: string }[]; label: string }) {
  const pathname = usePathname() ?? "/";
  const router = useRouter();
  return (
    <nav aria-label={p.label} className="text-sm">
      <ul className="flex gap-3">
        {p.languages.map((l) => (
          <li key={l.locale}>
            {l.locale === p.current ? (
              <span aria-current="true" lang={l.locale} className="font-semibold underline decoration-2 underline-offset-4">
                {l.name}
              </span>
            ) : (
              <a
                lang={l.locale}
                hrefLang={l.locale}
                className="hover:underline"
                href={`/language?locale=${encodeURIComponent(l.locale)}&back=${encodeURIComponent(pathname)}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.cookie = `${LOCALE_COOKIE}=${encodeURIComponent(l.locale)}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE_S}; samesite=lax`;
                  router.refresh();
                }}
              >
                {l.name}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
