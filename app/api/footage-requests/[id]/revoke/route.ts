import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { revokeFootageRequest } from "@/lib/evidence/footage-requests";
import { requireUuid } from "@/lib/http/errors";

type Params = { params: Promise<{ id: string }> };

/** POST /api/footage-requests/{id}/revoke: the link stops working at once. */
export const POST = withRole<Params>("detective", async (_request, ctx, { params }) => {
  const requestId = requireUuid((await params).id, "footage request not found");
  return NextResponse.json(await revokeFootageRequest(ctx, { requestId }));
});
