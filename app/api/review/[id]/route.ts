import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { requireUuid } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { applyReviewAction, reviewActionSchema } from "@/lib/registration/review";

/** Supervisor: verify, activate, reject, fix the pin of, or merge one registration. */
export const POST = withRole<{ params: Promise<{ id: string }> }>("supervisor", async (request, { db, actor }, route) => {
  const id = requireUuid((await route.params).id, "no such registration");
  const action = parseInput(reviewActionSchema, await readJsonBody(request, 4096));
  return NextResponse.json(await applyReviewAction(db, id, action, { actor }));
});
