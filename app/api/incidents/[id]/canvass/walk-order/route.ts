import { NextResponse } from "next/server";
import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { recomputeWalkOrder } from "@/lib/canvass/walk-order-store";

type Params = { params: Promise<{ id: string }> };

/** POST /api/incidents/{id}/canvass/walk-order: plan the walk again (supervisor), e.g. after centerlines were loaded. */
export const POST = withRole<Params>("supervisor", async (_request, { db, actor }, { params }) => {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return NextResponse.json({ error: "incident not found" }, { status: 404 });
  const plan = await recomputeWalkOrder(db, id, actor);
  if (!plan) return NextResponse.json({ error: "incident not found or nothing to order" }, { status: 404 });
  return NextResponse.json({ stops: plan.stops.length, totalM: plan.totalM, distanceSortedM: plan.distanceSortedM, distanceBasis: plan.distanceBasis });
});
