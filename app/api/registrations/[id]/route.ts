import { withRole } from "@/lib/auth/with-role";
import { env } from "@/lib/env.js";
import { requireUuid } from "@/lib/http/errors";
import { parseInput } from "@/lib/http/field-errors";
import { readJsonBody } from "@/lib/http/read-json-body";
import { registrationServices } from "@/lib/registration/runtime";
import { registrationDetailsSchema } from "@/lib/registration/schema";
import { updateByStaff } from "@/lib/registration/staff-edit";

export const dynamic = "force-dynamic";

type Route = { params: Promise<{ id: string }> };

/**
 * Supervisor: correct a registration (the owner's answers, as the owner's own edit takes them).
 * Answers `{ id, status, changes }`; the audit entry lists the same changes.
 */
export const PUT = withRole<Route>("supervisor", async (request, ctx, { params }) => {
  const id = requireUuid((await params).id, "no such registration");
  const details = parseInput(registrationDetailsSchema, await readJsonBody(request, env.REGISTRATION_MAX_BODY_BYTES));
  const result = await updateByStaff({ ...ctx, ...registrationServices(ctx.db) }, { id, details });
  return Response.json(result);
});
