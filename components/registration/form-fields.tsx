"use client";
/** Small accessible form controls: label, hint, inline error wired with aria-describedby. */
import { forwardRef, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { fieldId } from "./form-model";

export type Errors = Record<string, string>;

export function ErrorText({ path, errors }: { path: string; errors: Errors }) {
  const t = useTranslations("form");
  const message = errors[path];
  if (!message) return null;
  return (
    <p id={`${fieldId(path)}-error`} className="mt-1 text-sm font-medium text-red-800">
      <span className="sr-only">{t("errorPrefix")} </span>
      {message}
    </p>
  );
}

const describedBy = (path: string, errors: Errors, hint?: string) =>
  [hint ? `${fieldId(path)}-hint` : null, errors[path] ? `${fieldId(path)}-error` : null].filter(Boolean).join(" ") || undefined;

const inputClass = (invalid: boolean) =>
  `mt-1 block w-full rounded-md border px-3 py-2 text-base text-slate-900 ${invalid ? "border-red-700 border-2" : "border-slate-500"}`;

interface TextFieldProps {
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: Errors;
  hint?: string;
  required?: boolean;
  type?: string;
  autoComplete?: string;
  inputMode?: "text" | "tel" | "email" | "numeric";
  multiline?: boolean;
  maxLength?: number;
}

export function TextField(p: TextFieldProps) {
  const tc = useTranslations("common");
  const id = fieldId(p.path);
  const common = {
    id,
    name: p.path,
    value: p.value,
    "aria-invalid": Boolean(p.errors[p.path]) || undefined,
    "aria-describedby": describedBy(p.path, p.errors, p.hint),
    "aria-required": p.required || undefined,
    className: inputClass(Boolean(p.errors[p.path])),
    maxLength: p.maxLength,
  };
  return (
    <div className="mt-4">
      <label htmlFor={id} className="block font-medium">
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : <span className="font-normal text-slate-700"> {tc("optional")}</span>}
      </label>
      {p.hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {p.hint}
        </p>
      )}
      {p.multiline ? (
        <textarea {...common} rows={4} onChange={(e) => p.onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={p.type ?? "text"}
          autoComplete={p.autoComplete}
          inputMode={p.inputMode}
          onChange={(e) => p.onChange(e.target.value)}
        />
      )}
      <ErrorText path={p.path} errors={p.errors} />
    </div>
  );
}

export function CheckboxField(p: { path: string; label: ReactNode; checked: boolean; onChange: (v: boolean) => void; errors: Errors }) {
  const id = fieldId(p.path);
  return (
    <div className="mt-3">
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          className="mt-1 h-5 w-5 shrink-0"
          checked={p.checked}
          aria-invalid={Boolean(p.errors[p.path]) || undefined}
          aria-describedby={describedBy(p.path, p.errors)}
          onChange={(e) => p.onChange(e.target.checked)}
        />
        <label htmlFor={id}>{p.label}</label>
      </div>
      <ErrorText path={p.path} errors={p.errors} />
    </div>
  );
}

/** A yes/no (or any small choice) question as a fieldset of radio buttons. */
export function RadioGroup<T extends string>(p: {
  path: string;
  legend: ReactNode;
  hint?: string;
  options: { value: T; label: string }[];
  value: T | "";
  onChange: (v: T) => void;
  errors: Errors;
  required?: boolean;
  /** One option per line (long labels). */
  stacked?: boolean;
}) {
  const id = fieldId(p.path);
  return (
    <fieldset className="mt-4" id={id} aria-describedby={describedBy(p.path, p.errors, p.hint)} tabIndex={-1}>
      <legend className="font-medium">
        {p.legend}
        {p.required && <span aria-hidden="true"> *</span>}
      </legend>
      {p.hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {p.hint}
        </p>
      )}
      <div className={p.stacked ? "mt-1 flex flex-col gap-y-1" : "mt-1 flex flex-wrap gap-x-6 gap-y-2"}>
        {p.options.map((o) => (
          <label key={o.value} className="flex items-center gap-2 py-1">
            <input type="radio" className="h-5 w-5" name={id} value={o.value} checked={p.value === o.value} onChange={() => p.onChange(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      <ErrorText path={p.path} errors={p.errors} />
    </fieldset>
  );
}

/** "There is a problem" box at the top; each message links to its field (WCAG 3.3.1). */
export const ErrorSummary = forwardRef<HTMLDivElement, { errors: Errors; labels?: Record<string, string> }>(function ErrorSummary({ errors }, ref) {
  const t = useTranslations("form");
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="mb-6 rounded-md border-4 border-red-700 bg-white p-4">
      <h2 id="error-summary-title" className="text-lg font-bold text-red-800">
        {t("errorSummary")}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {entries.map(([path, message]) => (
          <li key={path}>
            <a className="text-red-800 underline" href={`#${fieldId(path)}`}>
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
});
