"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { unstable_rethrow } from "next/navigation";
import { BODY_FIELD } from "@/lib/http/field-errors";
import type { ActionState } from "@/lib/http/action-state";

/**
 * A small form bound to a server action: shows the answer (errors by field,
 * a confirmation, or a one-time secret such as a new password or API token).
 *
 * What was typed and chosen stays in the form until the server accepts it. A
 * form given to React as `action` is reset after every answer, refusals
 * included: after "an account with this e-mail already exists" the e-mail and
 * name were gone and the role was back on "detective", so a retyped account got
 * the wrong role. So the submission goes through onSubmit (no automatic reset)
 * and the form is cleared only on success (`resetOnSuccess`; a role picker
 * keeps showing the role it just set). A server that fails outright (500, no
 * answer) is said beside the form instead of replacing the page, so the input
 * survives that too. Without JavaScript the plain `action` still works.
 */
export function ActionForm({
  action,
  submitLabel,
  children,
  className = "",
  danger = false,
  confirm,
  resetOnSuccess = true,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  submitLabel: string;
  children?: React.ReactNode;
  className?: string;
  danger?: boolean;
  confirm?: string;
  resetOnSuccess?: boolean;
}) {
  const [state, formAction, pending] = useActionState(async (previous: ActionState, data: FormData): Promise<ActionState> => {
    try {
      return await action(previous, data);
    } catch (err) {
      // Redirects, sign-in and "not allowed" answers are Next.js's own throws: let them through.
      unstable_rethrow(err);
      return { errors: { [BODY_FIELD]: "The server could not complete this; it may not have been saved. Check the list below before trying again." } };
    }
  }, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok && resetOnSuccess) form.current?.reset();
  }, [state, resetOnSuccess]);
  return (
    <form
      ref={form}
      action={formAction}
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        {children}
        <button
          type="submit"
          disabled={pending}
          className={`rounded px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${danger ? "bg-red-700 hover:bg-red-800" : "bg-brand-700 hover:bg-brand-900"}`}
        >
          {submitLabel}
        </button>
      </div>
      {state.errors && (
        <ul role="alert" className="mt-1 text-sm text-red-700">
          {Object.entries(state.errors).map(([field, message]) => (
            <li key={field}>
              {field === BODY_FIELD ? "" : `${field}: `}
              {message}
            </li>
          ))}
        </ul>
      )}
      {state.message && !state.errors && <p role="status" className="mt-1 text-sm text-green-800">{state.message}</p>}
      {state.secret && (
        <p className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm">
          {state.secret.label} (shown only now, copy it):{" "}
          <code data-testid="one-time-secret" className="select-all break-all font-mono font-semibold">
            {state.secret.value}
          </code>
        </p>
      )}
    </form>
  );
}
