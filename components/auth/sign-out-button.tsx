"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: "/" })} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white">
      Sign out
    </button>
  );
}
