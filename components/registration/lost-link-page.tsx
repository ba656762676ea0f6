import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { agencySettings } from "@/lib/agency/settings";
import { registrationRuntime } from "@/lib/registration/runtime";
import { LostLinkForm } from "./lost-link-form";

/** The way back to a lost or replaced management link, in the agency's layout (server component). */
export async function LostLinkPage({ deadLink }: { deadLink: boolean }) {
  const t = await getTranslations("lostLink");
  const agency = agencySettings();
  const canEmail = registrationRuntime().mailer !== null;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("title")}</h1>
      {deadLink && <p>{t("deadLink")}</p>}
      {canEmail ? (
        <>
          <p>{t("intro")}</p>
          <LostLinkForm />
        </>
      ) : (
        <p data-testid="lost-link-no-email">{t("noEmail", { email: agency.contactEmail })}</p>
      )}
      <p>
        <Link className="underline" href="/register">
          {t("register")}
        </Link>
      </p>
    </div>
  );
}
