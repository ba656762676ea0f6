import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Any unknown page, in the agency's layout and the resident's language. */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto max-w-xl space-y-3">
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
