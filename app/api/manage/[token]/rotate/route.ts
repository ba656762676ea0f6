import { NextResponse } from "next/server";
import { env } from "@/lib/env.js";
import { requestBaseUrl } from "@/lib/http/request-base-url";
import { rotateManageToken } from "@/lib/registration/manage";
import { manageRoute } from "@/lib/registration/manage-http";

/** Public, by private link: replace the link (the old one stops working at once). */
export const POST = manageRoute(async (request, { db, token, actor }) => {
  const { manageUrl } = await rotateManageToken(db, token, { actor, baseUrl: requestBaseUrl(request, env.NEXTAUTH_URL) });
  return NextResponse.json({ manageUrl });
});
