import type { Metadata } from "next";
import { SignOutButton } from "@/components/auth/sign-out-button";

export const metadata: Metadata = { title: "Sign out" };

export default function SignOutPage() {
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-bold">Sign out</h1>
      <p>End your session on this device. (An admin can end all of an account&apos;s sessions from the admin pages.)</p>
      <SignOutButton />
    </div>
  );
}
