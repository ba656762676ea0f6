import { NextResponse } from "next/server";
import { publicBaseUrl } from "@/lib/http/public-url";
import { rotateManageToken } from "@/lib/registration/manage";
import { manageRoute } from "@/lib/registration/manage-http";

/** Public, by private link: replace the link (the old one stops working at once). */
export const POST = manageRoute(async (_request, ctx) => {
  const { manageUrl } = await rotateManageToken({ ...ctx, baseUrl: publicBaseUrl() });
  return NextResponse.json({ manageUrl });
});
