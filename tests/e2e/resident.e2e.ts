/**
 * The resident's side on a phone, in English and in Spanish (issue 16):
 * registering with the recording mode, the confirmation and its copy button,
 * the management link, each change of status (with "Other" and undo), and the
 * lost-link page with a real SMTP server on loopback receiving the new link.
 * axe checks every public page in both languages.
 *
 * It starts its own built app (`next start`) with SMTP pointed at the sink,
 * beside the shared one the other e2e files use.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { startBuiltApp, type RunningApp } from "../../scripts/support/next-app";
import { mailText, startSmtpSink } from "../support/smtp-sink";
import { PHONE, horizontalOverflow, launchBrowser, screenshot } from "./support/browser";

type Lang = "en" | "es";
const messages = { en: readMessages("en"), es: readMessages("es") };
function readMessages(locale: Lang) {
  return JSON.parse(fs.readFileSync(path.resolve(`messages/${locale}.json`), "utf8"));
}

async function wcagViolations(page: Page) {
  // After an in-place refresh Next streams the page's metadata in after the content: check the page as it
  // settles, with its <title>, not mid-stream (axe once caught the moment between the two).
  await page.waitForFunction(() => document.title.length > 0, undefined, { timeout: 10_000 });
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).exclude(".leaflet-container").analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

let browser: Browser;
let app: RunningApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let dataDir = "";

beforeAll(async () => {
  sink = await startSmtpSink();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sightline-e2e-resident-"));
  app = await startBuiltApp({
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      SMTP_URL: sink.url,
      SMTP_FROM: "registry@sightline.test",
      REGISTRATION_MIN_FILL_SECONDS: "0",
      RATE_LIMIT_REGISTRATIONS_PER_HOUR: "100",
    },
    logFile: path.resolve("test-results/e2e-resident-app.log"),
    // A shared 2-core machine can take minutes to migrate and seed a fresh embedded database.
    healthTimeoutMs: 420_000,
  });
  browser = await launchBrowser();
}, 480_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop(1000);
  await sink?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function phone(lang: Lang): Promise<BrowserContext> {
  const context = await browser.newContext({ ...PHONE, locale: lang === "es" ? "es-MX" : "en-US" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.baseUrl });
  return context;
}

/** Every field of the seed form (reference/registration-form.txt), as the resident sees it in each language. */
const SEED_FIELDS: { seed: string; key: string }[] = [
  { seed: "Exterior facing security camera system", key: "form.exteriorFacing" },
  { seed: "Camera system records and retains video", key: "form.recordsAndRetains" },
  { seed: "Name", key: "form.ownerName" },
  { seed: "Business name", key: "form.businessName" },
  { seed: "Street address", key: "form.line1" },
  { seed: "Unit", key: "form.unit" },
  { seed: "City", key: "form.city" },
  { seed: "State", key: "form.state" },
  { seed: "ZIP", key: "form.zip" },
  { seed: "Phone", key: "form.phone" },
  { seed: "E-mail", key: "form.email" },
  { seed: "Alternate Person's Contact Information", key: "form.alternateLegend" },
  { seed: "Alternate name", key: "form.alternateName" },
  { seed: "Alternate phone", key: "form.alternatePhone" },
  { seed: "Alternate e-mail", key: "form.alternateEmail" },
  { seed: "Security Camera Information", key: "form.camerasLegend" },
  { seed: "Camera Locations. Select all that apply.", key: "form.cameraPosition" },
  { seed: "Do any cameras record the street traffic?", key: "form.cameraRecordsStreet" },
  { seed: "Example: The Roadway at 10300 Roosevelt or Corner of Cermak & Hull.", key: "form.streetViewHint" },
  { seed: "Windows Media Player Compliant", key: "form.playback" },
  { seed: "Additional information for detectives / more than two cameras", key: "form.notes" },
  { seed: "Terms (official use, evidence, State Records Act, not an agent)", key: "form.termsLegend" },
  { seed: "By submitting this form you agree to these terms", key: "form.consent" },
];
const lookup = (lang: Lang, key: string) =>
  key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages[lang]) as string;
/** The fixed part of a message (up to its first ICU argument), to find it on the page. */
const stem = (message: string) => message.split("{")[0].trim();

async function fillRegistration(page: Page, who: { name: string; email: string; unit: string; state: string }) {
  await page.locator("#f-eligibility-exteriorFacing").check();
  await page.locator("#f-eligibility-recordsAndRetains").check();
  await page.locator("#f-owner-name").fill(who.name);
  await page.locator("#f-owner-phone").fill("(708) 555-0134");
  await page.locator("#f-owner-email").fill(who.email);
  await page.locator("#f-address-line1").fill("10300 W Roosevelt Rd");
  await page.locator("#f-address-unit").fill(who.unit);
  await page.locator("#f-address-state").fill(who.state);
  await page.locator("#f-address-zip").fill("60154");
  await page.locator("#f-cameras-0-position").selectOption("front");
  await page.locator("#f-cameras-0-recordsStreet input[value=yes]").check();
  await page.locator("#f-streetView").fill("The roadway at 10300 Roosevelt");
  await page.locator("#f-recordingMode input[value=motion]").check();
  await page.locator("#f-playback input[value=standard]").check();
  await page.locator("#f-retentionDays").fill("14");
  await page.locator("#f-consent").check();
}

const registered: Record<Lang, { manageUrl: string; email: string; unit: string }> = {
  en: { manageUrl: "", email: "pat.resident.e2e@example.com", unit: "Apt 1" },
  es: { manageUrl: "", email: "ana.residente.e2e@example.com", unit: "Apt 2" },
};

describe.each(["en", "es"] as const)("resident on a phone, %s", (lang) => {
  const m = messages[lang];
  let context: BrowserContext;
  beforeAll(async () => {
    context = await phone(lang);
  });
  afterAll(async () => {
    await context?.close();
  });

  it("home and not-found pages are in the language, with the switch, and pass axe", async () => {
    const page = await context.newPage();
    await page.goto(app.baseUrl);
    expect(await page.getAttribute("html", "lang")).toBe(lang);
    expect(await page.locator("h1").textContent()).toContain(stem(m.home.title));
    await page.getByRole("navigation", { name: m.common.languageSwitch }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, `resident-home-${lang}`);
    const missing = await page.goto(`${app.baseUrl}/no-such-page`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe(m.notFound.title);
    expect(await wcagViolations(page)).toEqual([]);
    await page.close();
  });

  it("lists every seed-form field, registers with the recording mode, and shows only the confirmation with a working copy button", async () => {
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/register`);
    expect(await page.locator("h1").textContent()).toBe(m.register.title);
    // City and State come pre-filled from the agency's configuration.
    expect(await page.locator("#f-address-city").inputValue()).toBe("Westchester");
    expect(await page.locator("#f-address-state").inputValue()).toBe("IL");
    expect(await page.locator("#terms-text").textContent()).toContain(lang === "es" ? "Ley de Registros Públicos" : "State Records Act");
    expect(await wcagViolations(page)).toEqual([]);

    // An empty send: the summary speaks the resident's language.
    await page.getByRole("button", { name: m.form.submitRegister }).click();
    const summary = page.getByRole("alert", { name: m.form.errorSummary });
    await summary.waitFor();
    expect(await summary.textContent()).toContain(lang === "es" ? "Complete el campo «Nombre»" : "Name is required");
    expect(await summary.textContent()).toContain(m.validation.recordingMode);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, `resident-register-errors-${lang}`);

    const who = registered[lang];
    // A full state name is taken and stored as its code.
    await fillRegistration(page, { name: lang === "es" ? "Ana Residente" : "Pat Resident", email: who.email, unit: who.unit, state: "Illinois" });
    // Every field of the seed form is on the page (the street-view question once a camera records the street).
    const text = (await page.locator("form").innerText()).replace(/\s+/g, " ");
    const absent = SEED_FIELDS.filter((f) => !text.includes(stem(lookup(lang, f.key)))).map((f) => `${f.seed} (${f.key})`);
    expect(absent).toEqual([]);
    expect(await page.getByTestId("derived-locations").textContent()).toContain(m.form.positions.front);
    expect(await page.getByTestId("derived-street").textContent()).toContain(m.common.yes);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, `resident-register-filled-${lang}`);
    sink.messages.length = 0;
    await page.getByRole("button", { name: m.form.submitRegister }).click();

    const heading = page.getByRole("heading", { level: 1, name: m.confirmation.title });
    await heading.waitFor();
    // Only the confirmation: the form's intro and its "fields marked *" note are gone.
    expect(await page.getByText(stem(m.register.requiredNote)).count()).toBe(0);
    expect(await page.locator("h1").count()).toBe(1);
    who.manageUrl = (await page.getByTestId("manage-link").getAttribute("href")) ?? "";
    expect(who.manageUrl).toMatch(/\/manage\/[A-Za-z0-9_-]{43}$/);
    expect(await page.getByTestId("email-note").textContent()).toBe(m.confirmation.emailed.replace("{email}", who.email));
    expect(await page.getByText(m.form.recordingModes.motion).count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: m.confirmation.copy }).click();
    await page.getByText(m.confirmation.copied).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(who.manageUrl);
    expect(await wcagViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, `resident-confirmation-${lang}`);

    // The e-mail went out in the resident's language, with the same link.
    await expect.poll(() => sink.messages.filter((x) => x.to.includes(who.email)).length, { timeout: 15_000 }).toBe(1);
    const mail = mailText(sink.messages.find((x) => x.to.includes(who.email))!.raw);
    expect(mail).toContain(who.manageUrl);
    expect(mail).toContain(lang === "es" ? "Guarde este enlace privado" : "Keep this private link");
    await page.close();
  });

  it("opens the management link and makes each change of status: Other with a reason, camera change, closing after a confirmation, and undo", async () => {
    const who = registered[lang];
    expect(who.manageUrl).not.toBe("");
    const page = await context.newPage();
    await page.goto(who.manageUrl);
    expect(await page.locator("h1").textContent()).toBe(m.manage.title);
    expect(await page.getByTestId("registration-status").textContent()).toBe(m.status.active);
    expect(await page.locator("#f-recordingMode input[value=motion]").isChecked()).toBe(true);
    expect(await page.getByText(m.manage.language.replace("{language}", m.meta.languageName)).count()).toBe(1);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, `resident-manage-${lang}`);

    // The pin has a name and moves with the arrow keys.
    const pin = page.getByRole("button", { name: m.pin.markerLabel });
    await pin.waitFor();
    const before = await page.getByText(stem(m.pin.at)).textContent();
    await pin.focus();
    await page.keyboard.press("ArrowUp");
    await expect.poll(async () => page.getByText(stem(m.pin.at)).textContent()).not.toBe(before);

    const changeForm = page.locator("form").filter({ has: page.locator("#f-change") });
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? null);
    // Sent with nothing chosen: the message is beside the question, and focus moves to it so it is read out.
    await changeForm.getByRole("button", { name: m.manage.sendChange }).click();
    await page.getByText(m.manage.chooseChange).waitFor();
    await expect.poll(focusedId).toBe("f-change");
    // Other: a reason is required, then it is sent and the registration stays active.
    await changeForm.getByLabel(m.changes.other, { exact: true }).check();
    await changeForm.getByRole("button", { name: m.manage.sendChange }).click();
    await page.getByText(m.manage.reasonRequired).waitFor();
    await expect.poll(focusedId).toBe("f-reason");
    await page.locator("#f-reason").fill(lang === "es" ? "Un árbol tapa la cámara trasera" : "A tree now hides the rear camera");
    await changeForm.getByRole("button", { name: m.manage.sendChange }).click();
    await page.getByText(m.manage.afterChange.other).waitFor();
    expect(await page.getByTestId("registration-status").textContent()).toBe(m.status.active);

    await changeForm.getByLabel(m.changes.cameras_changed, { exact: true }).check();
    await changeForm.getByRole("button", { name: m.manage.sendChange }).click();
    await page.getByText(m.manage.afterChange.cameras_changed).waitFor();

    // Closing asks first; "No" keeps it open.
    const closing = lang === "en" ? "no_longer_using" : "moved_away";
    await changeForm.getByLabel(m.changes[closing], { exact: true }).check();
    await changeForm.getByRole("button", { name: m.manage.sendChange }).click();
    const dialog = page.getByRole("alertdialog", { name: m.manage.confirmCloseTitle });
    await dialog.waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, `resident-confirm-close-${lang}`);
    await dialog.getByRole("button", { name: m.manage.confirmCloseNo }).click();
    expect(await page.getByTestId("registration-status").textContent()).toBe(m.status.active);
    await changeForm.getByRole("button", { name: m.manage.sendChange }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: m.manage.confirmCloseYes }).click();
    const closedStatus = lang === "en" ? m.status.withdrawn : m.status.inactive;
    await page.getByTestId("registration-status").getByText(closedStatus).waitFor();
    await page.getByRole("heading", { name: m.manage.undoTitle }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, `resident-closed-${lang}`);

    // Undo within 30 days: back to pending review, said in words.
    await page.getByRole("button", { name: m.manage.undo }).click();
    await page.getByTestId("registration-status").getByText(m.status.pending_review).waitFor();
    const view = await (await fetch(`${app.baseUrl}/api/manage/${who.manageUrl.split("/manage/")[1]}`)).json();
    expect(view.status).toBe("pending_review");
    await screenshot(page, `resident-reopened-${lang}`);
    await page.close();
  });

  it("turns a dead link into the lost-link page, and e-mails a fresh link through SMTP", async () => {
    const who = registered[lang];
    const page = await context.newPage();
    const dead = await page.goto(`${app.baseUrl}/manage/${"A".repeat(43)}`);
    expect(dead?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe(m.lostLink.title);
    await page.getByText(m.lostLink.deadLink).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, `resident-dead-link-${lang}`);

    // Sent empty: the errors are beside the fields and focus moves to the first, so a screen reader reads it.
    await page.getByRole("button", { name: m.lostLink.send }).click();
    await page.locator("#f-email-error").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("f-email");
    expect(await page.locator("#f-email").getAttribute("aria-describedby")).toContain("f-email-error");

    sink.messages.length = 0;
    await page.locator("#f-email").fill(who.email.toUpperCase());
    await page.locator("#f-line1").fill("10300 West Roosevelt Road");
    await page.locator("#f-zip").fill("60154");
    await page.getByRole("button", { name: m.lostLink.send }).click();
    await page.getByText(m.lostLink.sent).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, `resident-lost-link-sent-${lang}`);
    await expect.poll(() => sink.messages.length, { timeout: 15_000 }).toBe(1);
    const mail = sink.messages[0];
    expect(mail.to).toEqual([who.email]);
    const fresh = mailText(mail.raw).match(/https?:\/\/[^\s]+\/manage\/[A-Za-z0-9_-]{43}/)?.[0];
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(who.manageUrl);
    // The old link is dead, the new one opens the registration.
    expect((await page.goto(who.manageUrl))?.status()).toBe(404);
    await page.goto(fresh!);
    expect(await page.locator("h1").textContent()).toBe(m.manage.title);

    // The same answer when nothing matches.
    await page.goto(`${app.baseUrl}/lost-link`);
    await page.locator("#f-email").fill("nobody@example.com");
    await page.locator("#f-line1").fill("1 Nowhere St");
    await page.locator("#f-zip").fill("60154");
    await page.getByRole("button", { name: m.lostLink.send }).click();
    await page.getByText(m.lostLink.sent).waitFor();
    await page.close();
  });
});

describe("language switch", () => {
  it("changes the language in place, keeps what was typed, and remembers the choice", async () => {
    const context = await phone("en");
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/register`);
    await page.locator("#f-owner-name").fill("Kept Across Languages");
    await page.getByRole("navigation", { name: messages.en.common.languageSwitch }).getByRole("link", { name: "Español" }).click();
    await page.getByRole("heading", { level: 1, name: messages.es.register.title }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("es");
    expect(await page.locator("#f-owner-name").inputValue()).toBe("Kept Across Languages");
    await page.goto(app.baseUrl);
    expect(await page.locator("h1").textContent()).toContain(stem(messages.es.home.title));
    // Without JavaScript the link goes through /language and comes back.
    const res = await fetch(`${app.baseUrl}/language?locale=en&back=/register`, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/register");
    expect(res.headers.get("set-cookie")).toMatch(/NEXT_LOCALE=en/);
    const evil = await fetch(`${app.baseUrl}/language?locale=en&back=//evil.example`, { redirect: "manual" });
    expect(evil.headers.get("location")).toBe("/");
    await context.close();
  });
});
