import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { requireUuid } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { applyReviewAction } from "@/lib/registration/review";

/** Supervisor: verify, activate, reject, fix the pin of, or merge one registration. */
export const POST = withRole<{ params: Promise<{ id: string }> }>("supervisor", async (request, ctx, route) => {
  const id = requireUuid((await route.params).id, "no such registration");
  return NextResponse.json(await applyReviewAction(ctx, { id, action: await readJsonBody(request, 4096) }));
});
