import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { finishSignInEnrolment, startSignInEnrolment } from "./actions";
import { authSettings } from "@/lib/auth/auth-settings";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { afterSignInPath } from "@/lib/auth/start-page";
import { getSessionPrincipal } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Staff sign-in" };


export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // No destination (the header's sign-in link) means the role's start page, not the residents' home.
  const callbackUrl = afterSignInPath(safeCallbackPath(params.callbackUrl));
  if (await getSessionPrincipal()) redirect(callbackUrl);
  const oidc = authSettings().oidc;
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-bold">Staff sign-in</h1>
      {params.error && (
        <p role="alert" className="text-sm text-red-700">
          Sign-in was refused. Try again, or ask an admin.
        </p>
      )}
      <SignInForm callbackUrl={callbackUrl} oidcName={oidc?.displayName ?? null} startEnrolment={startSignInEnrolment} finishEnrolment={finishSignInEnrolment} />
      <p className="text-xs text-slate-600">For department staff. Residents do not need an account to register cameras.</p>
    </div>
  );
}
