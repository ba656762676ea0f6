"use server";

import { revalidatePath } from "next/cache";
import { issueApiToken, revokeApiToken } from "@/lib/accounts/api-tokens";
import { agencySettings } from "@/lib/agency/settings";
import { formAnswer, staffFormAction } from "@/lib/auth/staff-form-action";
import { formatAgencyTime } from "@/lib/time/agency-time";

const PATH = "/admin/tokens";
const asAdmin = { role: "admin", path: PATH } as const;

export const issueTokenAction = staffFormAction(asAdmin, async (ctx, text) =>
  formAnswer(await issueApiToken(ctx, { userId: text("userId"), name: text("name"), days: text("days"), allowAdmin: text("allowAdmin") === "yes" }), (r) => {
    revalidatePath(PATH);
    return {
      ok: true,
      message: `Issued; expires ${formatAgencyTime(r.expiresAt, agencySettings().timeZone)}. Send it as "Authorization: Bearer <token>".`,
      secret: { label: "API token", value: r.token },
    };
  }),
);

export const revokeTokenAction = staffFormAction(asAdmin, async (ctx, text) =>
  formAnswer(await revokeApiToken(ctx, { tokenId: text("tokenId") }), () => {
    revalidatePath(PATH);
    return { ok: true, message: "Revoked." };
  }),
);
