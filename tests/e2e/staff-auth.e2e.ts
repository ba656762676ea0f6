import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { Secret, TOTP } from "otpauth";
import { DEMO_USERS } from "../../lib/demo/demo-credentials";
import { DESKTOP, launchBrowser, screenshot } from "./support/browser";
import { demoUser, signIn, submitSignIn } from "./support/sign-in";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

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
    await submitSignIn(page, demoUser("detective").email, "not-the-password-at-all");
    const wrong = await page.getByTestId("sign-in-error").textContent();
    expect(wrong).toMatch(/e-mail or password is wrong/);
    await submitSignIn(page, "nobody@demo.example", "not-the-password-at-all");
    expect(await page.getByTestId("sign-in-error").textContent()).toBe(wrong);
    await context.close();
  });

  for (const role of ["detective", "supervisor", "admin"] as const) {
    it(`signs in the demo ${role}, who sees the admin pages only as admin`, async () => {
      const user = demoUser(role);
      const context = await browser.newContext(DESKTOP);
      const page = await context.newPage();
      await signIn(page, role, "/admin/users");
      await expect(page.getByRole("link", { name: `Sign out (${user.name})` }).count()).resolves.toBe(1);
      if (role === "admin") {
        await expect(page.getByRole("heading", { name: "Staff accounts" }).count()).resolves.toBe(1);
        for (const d of DEMO_USERS) expect(await page.getByTestId("staff-list").textContent()).toContain(d.email);
        await screenshot(page, "admin-users");
      } else {
        await expect(page.getByRole("heading", { name: "Not allowed" }).count()).resolves.toBe(1);
        expect(await page.content()).not.toContain(demoUser("admin").email);
        await screenshot(page, `forbidden-${role}`);
      }
      await context.close();
    });
  }

  it("keeps the e-mail, name and chosen role of a new account through refusals, and creates it with that role", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, "admin", "/admin/users");
    const create = page.locator("form").filter({ has: page.getByRole("button", { name: "Create", exact: true }) });
    const typed = async () => ({
      email: await create.getByLabel("E-mail").inputValue(),
      name: await create.getByLabel("Name").inputValue(),
      role: await create.getByLabel("Role").inputValue(),
    });
    // The server refuses: the e-mail is taken (the demo detective's).
    await create.getByLabel("E-mail").fill(demoUser("detective").email);
    await create.getByLabel("Name").fill("Riley Retype (e2e)");
    await create.getByLabel("Role").selectOption("supervisor");
    await create.getByRole("button", { name: "Create", exact: true }).click();
    await create.getByRole("alert").filter({ hasText: /already exists/ }).waitFor();
    expect(await typed()).toEqual({ email: demoUser("detective").email, name: "Riley Retype (e2e)", role: "supervisor" });
    await screenshot(page, "admin-create-refused-keeps-input");

    // A validation refusal (a password below the policy) keeps them too.
    await create.getByLabel("E-mail").fill("riley.retype.e2e@agency.test");
    await create.getByLabel("Password (empty: generate)").fill("short");
    await create.getByRole("button", { name: "Create", exact: true }).click();
    await create.getByRole("alert").filter({ hasText: /password:/ }).waitFor();
    expect(await typed()).toEqual({ email: "riley.retype.e2e@agency.test", name: "Riley Retype (e2e)", role: "supervisor" });

    await create.getByLabel("Password (empty: generate)").fill("");
    await create.getByRole("button", { name: "Create", exact: true }).click();
    await create.getByRole("status").filter({ hasText: "Created riley.retype.e2e@agency.test" }).waitFor();
    // Accepted: the form is empty for the next account.
    expect(await typed()).toEqual({ email: "", name: "", role: "detective" });
    const row = page.getByTestId("staff-list").locator("li").filter({ hasText: "riley.retype.e2e@agency.test" });
    await expect(row.locator("span.uppercase").textContent()).resolves.toBe("supervisor");
    await context.close();
  });

  // On an account of its own, made by the admin: a second factor on a shared demo account would make every later
  // password-only sign-in as that account (other e2e files, people trying the demo) stop at the code prompt.
  it("enrols a second factor, then asks for it at sign-in; signs out; the admin sees it all in the audit trail", async () => {
    const user = { email: "mfa.e2e@agency.test", password: "violet harbour kettle drum" };
    const adminContext = await browser.newContext(DESKTOP);
    const admin = await adminContext.newPage();
    await signIn(admin, "admin", "/admin/users");
    const create = admin.locator("form").filter({ has: admin.getByRole("button", { name: "Create", exact: true }) });
    await create.getByLabel("E-mail").fill(user.email);
    await create.getByLabel("Name").fill("Morgan Enrolment (e2e)");
    await create.getByLabel("Role").selectOption("detective");
    await create.getByLabel("Password (empty: generate)").fill(user.password);
    await create.getByRole("button", { name: "Create", exact: true }).click();
    await create.getByRole("status").waitFor();
    await admin.reload();
    await expect(admin.getByTestId("staff-list").textContent()).resolves.toContain(user.email);

    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, user, "/account");
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
    await submitSignIn(page, user.email, user.password, "/account");
    await page.getByLabel(/Code from your authenticator app/).fill(codes[0]);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByText("Your second factor is on").waitFor();
    await page.waitForURL((url) => url.pathname === "/account");
    await expect(page.getByText("Your second factor is on").count()).resolves.toBe(1);
    await context.close();

    await admin.goto(`${inject("baseUrl")}/admin/audit?action=auth.`);
    const table = (await admin.getByTestId("audit-table").textContent()) ?? "";
    for (const action of ["auth.signed_in", "auth.sign_in_failed", "auth.signed_out", "auth.mfa_enrolled", "auth.recovery_code_used"]) {
      expect([action, table.includes(action)]).toEqual([action, true]);
    }
    await screenshot(admin, "admin-audit");
    const csv = await admin.evaluate(async () => (await fetch("/api/admin/audit/export?action=auth.signed_out")).text());
    const [header, ...rows] = csv.trim().split("\n");
    expect(header).toMatch(/^id,at,actor_user_id,actor,action/);
    // Exactly one sign-out by this (new) user, with the address it came from; other
    // test files may sign other accounts out of the same app.
    const mine = rows.filter((line) => line.includes(`,${user.email},auth.signed_out,user,`));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(/127\.0\.0\.1/);

    // People by name, not ids: the new user's sign-out names them, with their e-mail, and links to what they did.
    await admin.goto(`${inject("baseUrl")}/admin/audit?action=auth.signed_out&user=${encodeURIComponent(user.email)}`);
    const who = admin.getByTestId("audit-actor").first();
    await expect(who.textContent()).resolves.toBe(`Morgan Enrolment (e2e)${user.email}`);
    await expect(who.getByRole("link").getAttribute("href")).resolves.toMatch(/^\/admin\/audit\?user=[0-9a-f-]{36}$/);
    // Looking at the trail and exporting it are in the trail themselves.
    await admin.goto(`${inject("baseUrl")}/admin/audit?action=audit.`);
    const own = admin.getByTestId("audit-table").locator("tr").filter({ hasText: demoUser("admin").email });
    await expect(own.filter({ hasText: "audit.exported" }).count()).resolves.toBeGreaterThan(0);
    await expect(own.filter({ hasText: "audit.viewed" }).first().textContent()).resolves.toContain("auth.signed_out");
    await screenshot(admin, "admin-audit-views-recorded");
    // One look, one entry: the page's many links do not record views of the pages they open.
    const views = async () =>
      (await admin.evaluate(async (email) => (await fetch(`/api/admin/audit/export?action=audit.viewed&user=${encodeURIComponent(email)}`)).text(), demoUser("admin").email))
        .trim()
        .split("\n").length - 1;
    const before = await views();
    const prefetches: string[] = [];
    admin.on("request", (r) => {
      if (r.headers()["next-router-prefetch"]) prefetches.push(r.url());
    });
    await admin.goto(`${inject("baseUrl")}/admin/audit`);
    await admin.getByTestId("audit-table").waitFor();
    // Time for the router to prefetch what it would (it prefetches links in view once idle).
    await admin.waitForTimeout(2000);
    expect(prefetches.filter((u) => /\/admin\/audit|\/incidents\/|\/registry\//.test(u))).toEqual([]);
    expect(await views()).toBe(before + 1);
    await adminContext.close();
  });

  it("issues an API token once and revokes it from the admin page; a staff member changes their own password", async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, "admin", "/admin/tokens");
    const issue = page.locator("form").filter({ has: page.getByRole("button", { name: "Issue", exact: true }) });
    await issue.getByLabel("For user").selectOption({ label: `${demoUser("detective").email} (detective)` });
    await issue.getByLabel("Label").fill("CAD link (e2e)");
    await issue.getByLabel("Valid for (days)").fill("0");
    await issue.getByRole("button", { name: "Issue", exact: true }).click();
    await issue.getByRole("alert").filter({ hasText: /days/ }).waitFor();
    await issue.getByLabel("Valid for (days)").fill("30");
    await issue.getByRole("button", { name: "Issue", exact: true }).click();
    await issue.getByRole("status").filter({ hasText: "Issued" }).waitFor();
    const token = (await issue.locator("code, input[readonly], [data-testid=secret]").first().textContent())?.trim() || (await issue.locator("input[readonly]").first().inputValue());
    expect(token).toMatch(/^sl_/);
    const api = (t: string) => fetch(`${inject("baseUrl")}/api/incidents`, { headers: { authorization: `Bearer ${t}` } });
    expect((await api(token)).status).toBe(200);

    await page.reload();
    page.once("dialog", (d) => void d.accept());
    const row = page.locator("tr").filter({ hasText: "CAD link (e2e)" });
    await row.getByRole("button", { name: "Revoke" }).click();
    await page.locator("tr").filter({ hasText: "CAD link (e2e)" }).filter({ hasText: "revoked" }).waitFor();
    expect((await api(token)).status).toBe(401);

    // Their own password, on an account of its own (the demo accounts' passwords are shared by every e2e file).
    const user = { email: "password.e2e@agency.test", password: "amber lantern orchard fig" };
    await page.goto(`${inject("baseUrl")}/admin/users`);
    const create = page.locator("form").filter({ has: page.getByRole("button", { name: "Create", exact: true }) });
    await create.getByLabel("E-mail").fill(user.email);
    await create.getByLabel("Name").fill("Pat Password (e2e)");
    await create.getByLabel("Password (empty: generate)").fill(user.password);
    await create.getByRole("button", { name: "Create", exact: true }).click();
    await create.getByRole("status").filter({ hasText: `Created ${user.email}` }).waitFor();

    const own = await browser.newContext(DESKTOP);
    const me = await own.newPage();
    await signIn(me, user, "/account");
    const change = me.locator("form").filter({ has: me.getByRole("button", { name: "Change password" }) });
    await change.getByLabel("Current password").fill(user.password);
    await change.getByLabel("New password", { exact: true }).fill("copper meadow violin tide");
    await change.getByLabel("New password again").fill("copper meadow violin tid");
    await change.getByRole("button", { name: "Change password" }).click();
    await change.getByRole("alert").filter({ hasText: /does not match/ }).waitFor();
    await change.getByLabel("New password again").fill("copper meadow violin tide");
    await change.getByRole("button", { name: "Change password" }).click();
    await change.getByRole("status").filter({ hasText: "Password changed" }).waitFor();
    await screenshot(me, "account-password-changed");
    await own.close();
    await context.close();
  });
});
