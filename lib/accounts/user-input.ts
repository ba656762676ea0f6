import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { passwordProblem } from "@/lib/auth/password-policy";

/** Field-level errors in the API's 422 shape: { "<field.path>": "<message>" }. */
export type FieldErrors = Record<string, string>;

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    errors[key] ??= issue.message;
  }
  return errors;
}

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("must be an e-mail address").max(320));
export const roleSchema = z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` });

export const newUserSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1, "is required").max(200),
    role: roleSchema,
    /** Empty: a password is generated and shown once. */
    password: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.password) {
      const problem = passwordProblem(v.password, { email: v.email, name: v.name });
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    }
  });
export type NewUserInput = z.input<typeof newUserSchema>;

export const issueTokenSchema = z.object({
  userId: z.uuid("must be a user id"),
  name: z.string().trim().min(1, "is required").max(100),
  /** Days until expiry; tokens always expire (CJIS asks for it), at most a year. */
  days: z.coerce.number().int("must be a whole number of days").min(1, "must be at least 1").max(366, "must be at most 366"),
});
export type IssueTokenInput = z.input<typeof issueTokenSchema>;
