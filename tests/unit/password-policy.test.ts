import { describe, expect, it } from "vitest";
import { dictionary } from "@zxcvbn-ts/language-common";
import { passwordProblem } from "@/lib/auth/password-policy";

describe("password policy (NIST SP 800-63B style)", () => {
  it("wants at least 12 characters, counted as characters not bytes", () => {
    expect(passwordProblem("elevenchars")).toMatch(/at least 12/);
    expect(passwordProblem("twelve-chars")).toBeNull();
    expect(passwordProblem("ünïcödé-wörd")).toBeNull();
    expect(passwordProblem("x".repeat(257))).toMatch(/at most/);
  });

  it("refuses every long password on the shipped common-password list, in any case", () => {
    const longCommon = (dictionary["passwords-common"] as string[]).filter((p) => [...p].length >= 12);
    expect(longCommon.length).toBeGreaterThan(100);
    for (const p of longCommon) expect([p, passwordProblem(p)]).toEqual([p, expect.stringMatching(/too common/)]);
    expect(passwordProblem("QWERTY123456")).toMatch(/too common/);
  });

  it("refuses a common word repeated, one repeated character, and the user's own e-mail name", () => {
    expect(passwordProblem("passwordpassword")).toMatch(/too common/);
    expect(passwordProblem("monkeymonkey12")).toMatch(/too common/);
    expect(passwordProblem("aaaaaaaaaaaaaa")).not.toBeNull();
    expect(passwordProblem("jordan.smith-2026!", { email: "jordan.smith@pd.example" })).toMatch(/e-mail/);
    expect(passwordProblem("my-sightline-login")).toMatch(/application/);
  });

  it("has no composition rules: a long lowercase phrase is fine", () => {
    expect(passwordProblem("correct horse battery staple")).toBeNull();
    expect(passwordProblem("granite-orchard-compass")).toBeNull();
  });
});
