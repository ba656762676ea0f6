import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/with-role";
import { recomputeWalkOrder } from "@/lib/canvass/walk-order-store";
import { AppError, requireUuid } from "@/lib/http/errors";

type Params = { params: Promise<{ id: string }> };

/** POST /api/incidents/{id}/canvass/walk-order: plan the walk again (supervisor), e.g. after centerlines were loaded. */
export const POST = withRole<Params>("supervisor", async (_request, { db, actor }, { params }) => {
  const id = requireUuid((await params).id, "incident not found");
  const plan = await recomputeWalkOrder(db, id, actor);
  if (!plan) throw new AppError("not_found", "incident not found or nothing to order");
  return NextResponse.json({ stops: plan.stops.length, totalM: plan.totalM, distanceSortedM: plan.distanceSortedM, distanceBasis: plan.distanceBasis });
});
