/**
 * Staff sign-in for the browser tests, shared by every e2e file so a change
 * to the sign-in page is fixed in one place.
 */
import { inject } from "vitest";
import type { Page } from "playwright-core";
import type { Role } from "../../../lib/auth/roles";
import { DEMO_USERS, type DemoCredential } from "../../../lib/demo/demo-credentials";

export function demoUser(role: Role): DemoCredential {
  const user = DEMO_USERS.find((d) => d.role === role);
  if (!user) throw new Error(`no demo ${role} in lib/demo/demo-credentials.ts`);
  return user;
}

/** Fills the sign-in form only; the caller checks what the page answers (refusal, second factor…). */
export async function submitSignIn(page: Page, email: string, password: string, callbackPath = "/"): Promise<void> {
  await page.goto(`${inject("baseUrl")}/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs in with a password and waits until the browser is on `callbackPath`.
 * A refusal or a second-factor prompt fails at once with a message saying so,
 * instead of a bare navigation timeout: the demo accounts have no second factor,
 * and a test that gives one to a shared account breaks every file after it.
 */
export async function signIn(page: Page, who: Role | { email: string; password: string }, callbackPath = "/"): Promise<void> {
  const user = typeof who === "string" ? demoUser(who) : who;
  const target = new URL(callbackPath, "http://x").pathname;
  await submitSignIn(page, user.email, user.password, callbackPath);
  const timeout = 60_000;
  const outcomes = [
    page.waitForURL((url) => url.pathname === target, { timeout }).then(() => "arrived" as const),
    page.getByTestId("sign-in-error").waitFor({ timeout }).then(() => "refused" as const),
    page.locator('input[name="otp"]').waitFor({ timeout }).then(() => "second factor asked" as const),
  ];
  // The losers keep waiting until the page closes; their rejection is expected, not a test failure.
  for (const outcome of outcomes) outcome.catch(() => undefined);
  const outcome = await Promise.race(outcomes);
  if (outcome !== "arrived") {
    throw new Error(`signing in ${user.email} did not reach ${target}: ${outcome} (${page.url()})`);
  }
}
