import { NextResponse } from "next/server";
import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { revokeFootageRequest } from "@/lib/evidence/footage-requests";

type Params = { params: Promise<{ id: string }> };

/** POST /api/footage-requests/{id}/revoke: the link stops working at once. */
export const POST = withRole<Params>("detective", async (_request, { db, principal, actor }, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return NextResponse.json({ error: "footage request not found" }, { status: 404 });
  const result = await revokeFootageRequest(db, principal, actor, id);
  if (!result.ok) return NextResponse.json(result.errors ? { errors: result.errors } : { error: result.error }, { status: result.status });
  return NextResponse.json(result.value);
});
