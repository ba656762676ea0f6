import "server-only";
import { getDb } from "@/db/client";
import type { ActionState } from "@/lib/http/action-state";
import { actionActor } from "./action-actor";
import type { StaffContext } from "./mutation-context";
import { requireStaffAction } from "./require-staff-action";
import type { Role } from "./roles";

/** The form's fields as text (absent: ""), at most `maxLength` characters each. */
export type FormText = (name: string) => string;

/**
 * The one wrapper for staff form actions (useActionState's `(previous, form)`):
 * the Origin and role check (requireStaffAction), the audit actor, the
 * database, and the form's fields as text. The mutation parses its own input
 * and answers field errors, which become the form's answer; so the action is
 * only "which mutation, with which fields, and what to say".
 *
 * Exported from a "use server" file as `export const x = staffFormAction(...)`:
 * the value is an async function, which is all Next.js requires there.
 */
export function staffFormAction(
  options: { role: Role; path: string; maxFieldLength?: number },
  run: (ctx: StaffContext, text: FormText, form: FormData) => Promise<ActionState>,
): (previous: ActionState, form: FormData) => Promise<ActionState> {
  const max = options.maxFieldLength ?? 10_000;
  return staffAction(options, (ctx, _previous: ActionState, form: FormData) => {
    const text: FormText = (name) => {
      const value = form.get(name);
      return typeof value === "string" ? value.slice(0, max) : "";
    };
    return run(ctx, text, form);
  });
}

/**
 * What staffFormAction is made of, for the few actions a client component
 * calls with arguments rather than a form (the account page's MFA enrolment):
 * the same Origin and role check, audit actor and database, then `run` with
 * the mutation context (lib/auth/mutation-context.ts) and the call's arguments.
 */
export function staffAction<A extends unknown[], R>(
  options: { role: Role; path: string },
  run: (ctx: StaffContext, ...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    const principal = await requireStaffAction(options.role, options.path);
    const ctx: StaffContext = { db: await getDb(), actor: await actionActor(principal), principal };
    return run(ctx, ...args);
  };
}

/** A mutation's result as the form's answer: its field errors, or `success` (which may revalidate first). */
export function formAnswer<R extends { ok: true } | { ok: false; errors: Record<string, string> }>(
  result: R,
  success: (result: Extract<R, { ok: true }>) => ActionState,
): ActionState {
  if (!result.ok) return { errors: (result as { errors: Record<string, string> }).errors };
  return success(result as Extract<R, { ok: true }>);
}
