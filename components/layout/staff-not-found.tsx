import Link from "next/link";

/** A dead or unknown page for signed-in staff: in the agency's layout, with the way back to their work. */
export function StaffNotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-3" data-testid="staff-not-found">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p>There is no page at this address. It may be mistyped, or the record (an incident, a registration) may not exist.</p>
      <ul className="list-inside list-disc">
        <li>
          <Link href="/start" className="underline">
            Your start page
          </Link>
        </li>
        <li>
          <Link href="/incidents" className="underline">
            Incidents
          </Link>
        </li>
        <li>
          <Link href="/registry" className="underline">
            Registry
          </Link>
        </li>
      </ul>
    </div>
  );
}
