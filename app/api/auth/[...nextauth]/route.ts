import NextAuth from "next-auth";
import { getDb } from "@/db/client";
import { authOptions } from "@/lib/auth/auth-options";
import { revokeAndAuditSignOut } from "@/lib/auth/sign-out-audit";
import { errorAnswer } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per process on first request, so `next build` needs no secret.
async function handler(request: Request, context: Context) {
  const options = authOptions();
  const [action] = (await context.params).nextauth ?? [];
  const response = (await NextAuth(request as never, context as never, options)) as Response;
  // A sign-out that next-auth accepted (valid CSRF token: it clears the session cookie) revokes the
  // session server side and is audited with the caller's address.
  const clearedSession = response.headers.getSetCookie().some((c) => /next-auth\.session-token=;|next-auth\.session-token=[^;]*;.*Max-Age=0/i.test(c));
  if (request.method === "POST" && action === "signout" && clearedSession) {
    try {
      await revokeAndAuditSignOut(await getDb(), request, options.secret!);
    } catch (err) {
      // The cookie is cleared either way, but a session we could not revoke must not look signed out.
      console.error("[auth] sign-out revocation failed:", err instanceof Error ? err.message : err);
      return errorAnswer("unavailable", "sign-out could not be completed; please try again");
    }
  }
  return response;
}

export { handler as GET, handler as POST };
