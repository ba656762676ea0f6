import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LostLinkPage } from "@/components/registration/lost-link-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("lostLink");
  return { title: t("metaTitle"), robots: { index: false, follow: false } };
}
export const dynamic = "force-dynamic";

export default function LostLink() {
  return <LostLinkPage deadLink={false} />;
}
