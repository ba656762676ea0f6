import { NextResponse } from "next/server";
import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { readJsonBody } from "@/lib/http/read-json-body";
import { applyReviewAction, ReviewError, reviewActionSchema } from "@/lib/registration/review";
import { fieldErrors } from "@/lib/registration/schema";

/** Supervisor: verify, activate, reject, fix the pin of, or merge one registration. */
export const POST = withRole<{ params: Promise<{ id: string }> }>("supervisor", async (request, { db, actor }, route) => {
  const { id } = await route.params;
  if (!z.uuid().safeParse(id).success) return NextResponse.json({ error: "no such registration" }, { status: 404 });
  const body = await readJsonBody(request, 4096);
  if (!body.ok) return NextResponse.json({ error: body.error }, { status: body.status });
  const parsed = reviewActionSchema.safeParse(body.value);
  if (!parsed.success) return NextResponse.json({ errors: fieldErrors(parsed.error) }, { status: 422 });
  try {
    return NextResponse.json(await applyReviewAction(db, id, parsed.data, { actor }));
  } catch (err) {
    if (err instanceof ReviewError) {
      if (err.code === "not_found" && err.field === "id") return NextResponse.json({ error: err.message }, { status: 404 });
      return NextResponse.json({ errors: { [err.field]: err.message } }, { status: 422 });
    }
    throw err;
  }
});
