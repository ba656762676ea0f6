import { NextResponse } from "next/server";
import { agencySettings } from "@/lib/agency/settings";
import { withRole } from "@/lib/auth/with-role";
import { loadMyCanvass } from "@/lib/canvass/my-canvass";

/** GET /api/canvass/mine: the caller's assigned canvass entries across open incidents, deadlines first. */
export const GET = withRole("detective", async (_request, { db, principal }) => {
  const items = await loadMyCanvass(db, principal.userId, agencySettings().timeZone);
  // Addresses and deadlines of the caller's stops: nothing a browser or proxy cache should keep.
  return NextResponse.json({ items }, { headers: { "cache-control": "no-store" } });
});
