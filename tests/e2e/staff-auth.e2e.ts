import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { Secret, TOTP } from "otpauth";
import { DEMO_USERS } from "../../lib/demo/demo-credentials";
import { DESKTOP, launchBrowser, screenshot } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const demo = (role: string) => DEMO_USERS.find((d) => d.role === role)!;

async function signIn(page: Page, email: string, password: string, callbackPath = "/") {
  await page.goto(`${inject("baseUrl")}/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("staff accounts in the browser", () => {
  it("sends anonymous visitors of staff pages to sign-in and refuses the staff API", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    for (const path of ["/admin/users", "/admin/audit", "/account"]) {
      await page.goto(`${inject("baseUrl")}${path}`);
      expect(new URL(page.url()).pathname).toBe("/signin");
      expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(path);
    }
    // A stale or forged cookie gets past the proxy's cheap check but not the server's.
    await context.addCookies([{ name: "next-auth.session-token", value: "forged", url: inject("baseUrl") }]);
    await page.goto(`${inject("baseUrl")}/admin/users`);
    expect(new URL(page.url()).pathname).toBe("/signin");
    expect(await page.content()).not.toContain("demo.example");
    const api = await fetch(`${inject("baseUrl")}/api/admin/audit/export`);
    expect(api.status).toBe(401);
    await context.close();
  });

  it("refuses a wrong password without saying whether the account exists", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, demo("detective").email, "not-the-password-at-all");
    const wrong = await page.getByTestId("sign-in-error").textContent();
    expect(wrong).toMatch(/e-mail or password is wrong/);
    await signIn(page, "nobody@demo.example", "not-the-password-at-all");
    expect(await page.getByTestId("sign-in-error").textContent()).toBe(wrong);
    await context.close();
  });

  for (const role of ["detective", "supervisor", "admin"] as const) {
    it(`signs in the demo ${role}, who sees the admin pages only as admin`, async () => {
      const user = demo(role);
      const context = await browser.newContext(DESKTOP);
      const page = await context.newPage();
      await signIn(page, user.email, user.password, "/admin/users");
      await page.waitForURL((url) => url.pathname === "/admin/users");
      await expect(page.getByRole("link", { name: `Sign out (${user.name})` }).count()).resolves.toBe(1);
      if (role === "admin") {
        await expect(page.getByRole("heading", { name: "Staff accounts" }).count()).resolves.toBe(1);
        for (const d of DEMO_USERS) expect(await page.getByTestId("staff-list").textContent()).toContain(d.email);
        await screenshot(page, "admin-users");
      } else {
        await expect(page.getByRole("heading", { name: "Not allowed" }).count()).resolves.toBe(1);
        expect(await page.content()).not.toContain(demo("admin").email);
        await screenshot(page, `forbidden-${role}`);
      }
      await context.close();
    });
  }

  it("enrols a second factor, then asks for it at sign-in; signs out; the admin sees it all in the audit trail", async () => {
    const user = demo("supervisor");
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, user.email, user.password, "/account");
    await page.waitForURL((url) => url.pathname === "/account");
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
    await page.getByLabel("Code from the app").fill(totp.generate());
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByTestId("recovery-codes").waitFor();
    const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    await screenshot(page, "account-recovery-codes");

    await page.goto(`${inject("baseUrl")}/signout`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByRole("link", { name: "Staff sign-in" }).count()).resolves.toBe(1);

    // Now the password alone is not enough; a recovery code works once.
    await signIn(page, user.email, user.password, "/account");
    await page.getByLabel(/Code from your authenticator app/).fill(codes[0]);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByText("Your second factor is on").waitFor();
    await page.waitForURL((url) => url.pathname === "/account");
    await expect(page.getByText("Your second factor is on").count()).resolves.toBe(1);
    await context.close();

    const adminContext = await browser.newContext(DESKTOP);
    const admin = await adminContext.newPage();
    await signIn(admin, demo("admin").email, demo("admin").password, "/admin/audit?action=auth.");
    await admin.waitForURL((url) => url.pathname === "/admin/audit");
    const table = (await admin.getByTestId("audit-table").textContent()) ?? "";
    for (const action of ["auth.sign_in", "auth.sign_in_failed", "auth.sign_out", "auth.mfa_enrolled", "auth.recovery_code_used"]) {
      expect([action, table.includes(action)]).toEqual([action, true]);
    }
    await screenshot(admin, "admin-audit");
    const csv = await admin.evaluate(async () => (await fetch("/api/admin/audit/export?action=auth.sign_out")).text());
    const lines = csv.trim().split("\n");
    expect(lines[0]).toMatch(/^id,at,actor_user_id,actor,action/);
    // Exactly one sign-out, by this user, with the address it came from.
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,${user.email},auth.sign_out,user,`);
    expect(lines[1]).toMatch(/127\.0\.0\.1/);
    await adminContext.close();
  });
});
