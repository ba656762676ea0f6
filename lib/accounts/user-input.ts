import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { passwordProblem } from "@/lib/auth/password-policy";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from "@/lib/http/control-characters";

/** Staff form text: no control characters (server actions take FormData, not the JSON reader that refuses them). */
const plainText = z.string().refine((v) => !hasControlCharacters(v), CONTROL_CHARACTER_MESSAGE);

export const emailSchema = plainText.trim().toLowerCase().pipe(z.email("must be an e-mail address").max(320));
export const roleSchema = z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` });

const newUserFields = z.object({
  email: emailSchema,
  name: plainText.trim().min(1, "is required").max(200),
  role: roleSchema,
  /** Empty: a password is generated and shown once. */
  password: z.string().optional(),
});

/** All field errors at once (the password is judged even when another field is wrong). */
export const newUserSchema = z.unknown().transform((raw, ctx) => {
  const parsed = newUserFields.safeParse(raw);
  const fields = (raw ?? {}) as { password?: unknown; email?: unknown; name?: unknown };
  const password = typeof fields.password === "string" ? fields.password : "";
  const problem = password ? passwordProblem(password, { email: String(fields.email ?? ""), name: String(fields.name ?? "") }) : null;
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path as (string | number)[], message: issue.message });
  }
  return !parsed.success || problem ? z.NEVER : parsed.data;
});
export type NewUserInput = z.input<typeof newUserFields>;
/** What a form or CLI hands createStaffUser before it is parsed: the role as typed, checked by newUserSchema. */
export type UnparsedNewUser = Omit<NewUserInput, "role"> & { role: string };

export const issueTokenSchema = z.object({
  userId: z.uuid("must be a user id"),
  name: plainText.trim().min(1, "is required").max(100),
  /** Days until expiry; tokens always expire (CJIS asks for it), at most a year. */
  days: z.coerce.number().int("must be a whole number of days").min(1, "must be at least 1").max(366, "must be at most 366"),
  /** An admin's token acts as an admin only when this is explicitly true; otherwise it acts as a supervisor. */
  allowAdmin: z.boolean().default(false),
});
export type IssueTokenInput = z.input<typeof issueTokenSchema>;
