import { NextResponse } from "next/server";
import { confirmStillCurrent } from "@/lib/registration/manage";
import { manageRoute } from "@/lib/registration/manage-http";

/** Public, by private link: "my registration is still current". */
export const POST = manageRoute(async (_request, ctx) => NextResponse.json(await confirmStillCurrent(ctx)));
