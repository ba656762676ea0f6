import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { agencySettings } from "@/lib/agency/settings";
import { requireStaffPage } from "@/lib/auth/require-staff-page";
import { startPathFor } from "@/lib/auth/start-page";
import { loadMyCanvass } from "@/lib/canvass/my-canvass";

export const dynamic = "force-dynamic";

/** Each role's start page (lib/auth/start-page.ts): where sign-in and the Sightline logo lead staff. */
export default async function StartPage() {
  const principal = await requireStaffPage("detective", "/start");
  const stops = principal.role === "detective" ? (await loadMyCanvass(await getDb(), principal.userId, agencySettings().timeZone)).length : 0;
  redirect(startPathFor(principal.role, stops));
}
