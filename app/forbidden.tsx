import Link from "next/link";

/** Shown when a signed-in staff member's role is below what a page needs. */
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl space-y-3">
      <h1 className="text-2xl font-bold">Not allowed</h1>
      <p>Your role does not include this page. If you need it for your work, ask an admin.</p>
      <Link href="/" className="underline">
        Back to the start page
      </Link>
    </div>
  );
}
