/** A labelled input for the small admin forms. */
export function Field({ label, name, type = "text", required = false, defaultValue, placeholder, autoComplete }: {
  label: string;
  name: string;
  type?: string;
  required?: boolean;
  defaultValue?: string;
  placeholder?: string;
  autoComplete?: string;
}) {
  return (
    <label className="flex flex-col text-sm">
      <span className="font-medium">{label}</span>
      <input
        name={name}
        type={type}
        required={required}
        defaultValue={defaultValue}
        placeholder={placeholder}
        autoComplete={autoComplete}
        className="rounded border border-slate-300 px-2 py-1.5"
      />
    </label>
  );
}

export function RoleSelect({ name = "role", defaultValue = "detective", label = "Role" }: { name?: string; defaultValue?: string; label?: string }) {
  return (
    <label className="flex flex-col text-sm">
      <span className="font-medium">{label}</span>
      <select name={name} defaultValue={defaultValue} className="rounded border border-slate-300 px-2 py-1.5">
        <option value="detective">detective</option>
        <option value="supervisor">supervisor</option>
        <option value="admin">admin</option>
      </select>
    </label>
  );
}
