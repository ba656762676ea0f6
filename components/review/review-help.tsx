/** What the review buttons do, in words, for supervisors who do not use them every day. */
export function ReviewHelp() {
  return (
    <details className="mt-3 rounded-md border border-slate-300 bg-white p-3 text-sm" data-testid="review-help">
      <summary className="cursor-pointer font-semibold">What Verify, Activate, Fix pin and Reject do</summary>
      <dl className="mt-2 space-y-2">
        <div>
          <dt className="font-semibold">Verify</dt>
          <dd>
            You checked the registration (for example you called the owner or saw the cameras) and the pin is on the right building. It becomes active, so
            detectives find it, and is marked as verified by you.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Activate</dt>
          <dd>
            The registration looks plausible but nobody has checked it. It becomes active, so detectives find it, without the verified mark. Not offered for a
            registration the owner withdrew or closed: only the owner can reopen it (through their link), or they can register again.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Fix pin</dt>
          <dd>Move the site to the right place on the map. Searches use this point, so a wrong pin hides the cameras from the detectives who need them.</dd>
        </div>
        <div>
          <dt className="font-semibold">Reject</dt>
          <dd>Close the registration with a reason (for example outside our jurisdiction, or not a real camera system). Detectives no longer find it.</dd>
        </div>
        <div>
          <dt className="font-semibold">Merge</dt>
          <dd>The same site registered twice: keep the earlier registration, add what only the duplicate knew, and close the duplicate.</dd>
        </div>
      </dl>
    </details>
  );
}
