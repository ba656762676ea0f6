import { after, type NextRequest } from "next/server";
import { agencySettings } from "@/lib/agency/settings";
import { publicActor } from "@/lib/audit/record-audit";
import { clientAddress } from "@/lib/http/client-address";
import { publicBaseUrl } from "@/lib/http/public-url";
import { apiRoute, openDatabase } from "@/lib/http/route-errors";
import { requestManageLink } from "@/lib/registration/lost-link";
import { registrationRuntime } from "@/lib/registration/runtime";

export const dynamic = "force-dynamic";

/** Public: "e-mail me my link" from the lost-link page. 202 whether or not a registration matched. */
export const POST = apiRoute("POST /api/manage-link-requests", async (request: NextRequest) => {
  const runtime = registrationRuntime();
  return requestManageLink(request, {
    db: await openDatabase(),
    mailer: runtime.mailer,
    limiter: runtime.lostLinkLimiter,
    actor: publicActor(clientAddress(request), request.headers.get("user-agent")),
    baseUrl: publicBaseUrl(),
    agencyName: agencySettings().name,
    defer: (task) => after(task),
  });
});
