import Link from "next/link";
import { agencySettings } from "@/lib/agency/settings";

export default function HomePage() {
  const agency = agencySettings();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold sm:text-3xl">Help {agency.name} solve crimes with your security cameras</h1>
      <p>
        If your home or business has a security camera system that meets the two requirements below, you can help
        investigators by registering it. Registering does not give anyone access to your cameras.
      </p>
      <ul className="list-disc space-y-1 pl-6">
        <li>Exterior-facing security camera system</li>
        <li>The system records and retains video</li>
      </ul>
      <p>
        If a crime occurs near a registered camera, an investigator may contact you and ask to review or copy footage
        from the date and time of the incident.
      </p>
      <Link
        href="/register"
        className="inline-block rounded-md bg-brand-700 px-5 py-3 font-semibold text-white hover:bg-brand-900"
      >
        Register your cameras
      </Link>
      <p className="text-sm text-slate-700">
        Already registered? Use the private link you received to update, confirm or withdraw your registration, or
        write to{" "}
        <a className="underline" href={`mailto:${agency.contactEmail}`}>
          {agency.contactEmail}
        </a>
        .
      </p>
    </div>
  );
}
