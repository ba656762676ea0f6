import { NextResponse } from "next/server";
import { reopenByOwner } from "@/lib/registration/manage";
import { manageRoute } from "@/lib/registration/manage-http";

/** Public, by private link: undo the owner's own closure within 30 days (back to pending_review). */
export const POST = manageRoute(async (_request, ctx) => {
  return NextResponse.json(await reopenByOwner(ctx));
});
