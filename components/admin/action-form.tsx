"use client";

import { useActionState } from "react";
import { BODY_FIELD } from "@/lib/http/field-errors";
import type { ActionState } from "./action-state";

/**
 * A small form bound to a server action: shows the answer (errors by field,
 * a confirmation, or a one-time secret such as a new password or API token).
 */
export function ActionForm({
  action,
  submitLabel,
  children,
  className = "",
  danger = false,
  confirm,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  submitLabel: string;
  children?: React.ReactNode;
  className?: string;
  danger?: boolean;
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form
      action={formAction}
      className={className}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
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
