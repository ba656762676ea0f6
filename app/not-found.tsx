import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getSessionPrincipal } from "@/lib/auth/session";
import { StaffNotFound } from "@/components/layout/staff-not-found";

/** Any unknown page, in the agency's layout: staff get their way back to work, residents their language. */
export default async function NotFound() {
  if (await getSessionPrincipal()) return <StaffNotFound />;
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto max-w-xl space-y-3" data-testid="public-not-found">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("body")}</p>
      <p>
        <Link href="/" className="underline">
          {t("home")}
        </Link>
        {" · "}
        <Link href="/lost-link" className="underline">
          {t("lostLink")}
        </Link>
      </p>
    </div>
  );
}
