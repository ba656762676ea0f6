import { NextResponse } from "next/server";
import { agencySettings } from "@/lib/agency/settings";
import { withRole } from "@/lib/auth/with-role";
import { loadMyCanvass } from "@/lib/canvass/my-canvass";

/** GET /api/canvass/mine: the caller's assigned canvass entries across open incidents, deadlines first. */
export const GET = withRole("detective", async (_request, { db, principal }) => {
  const items = await loadMyCanvass(db, principal.userId, agencySettings().timeZone);
  return NextResponse.json({ items });
});
