import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { loadProgramDashboard } from "@/lib/canvass/program-dashboard";

/** GET /api/dashboard: the supervisor's program dashboard (aggregates only, no contact details). */
export const GET = withRole("supervisor", async (_request, { db }) => {
  return NextResponse.json(await loadProgramDashboard(db), { headers: { "cache-control": "no-store" } });
});
