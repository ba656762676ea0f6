"use client";
/** Staff choose the language a registrant is written to in (their private link, reminders), on entry and on correction. */
export function OwnerLanguageSelect(p: {
  label: string;
  hint: string;
  name: string;
  testId: string;
  value: string;
  onChange: (locale: string) => void;
  languages: { locale: string; name: string }[];
}) {
  return (
    <label className="block max-w-sm">
      <span className="font-semibold">{p.label}</span>
      <span className="block text-sm text-slate-700">{p.hint}</span>
      <select
        name={p.name}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        className="mt-1 min-h-11 w-full rounded-md border-2 border-slate-400 bg-white px-2"
        data-testid={p.testId}
      >
        {p.languages.map((l) => (
          <option key={l.locale} value={l.locale}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
