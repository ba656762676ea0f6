import { describe, expect, it } from "vitest";
import { issueTokenSchema, newUserSchema } from "@/lib/accounts/user-input";
import { fieldErrors } from "@/lib/http/field-errors";

describe("account input", () => {
  it("reports every wrong field at once, the password included", () => {
    const result = newUserSchema.safeParse({ email: "not-an-email", name: "", role: "chief", password: "short" });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({
      password: "must be at least 12 characters",
      email: "must be an e-mail address",
      name: "is required",
      role: "must be one of detective, supervisor, admin",
    });
  });

  it("normalises the e-mail and leaves an empty password to be generated", () => {
    expect(newUserSchema.parse({ email: "  Dana@PD.Example ", name: " Dana ", role: "detective" })).toEqual({
      email: "dana@pd.example",
      name: "Dana",
      role: "detective",
    });
  });

  it("wants token lifetimes between a day and a year, in whole days", () => {
    expect(issueTokenSchema.safeParse({ userId: "00000000-0000-4000-8000-000000000001", name: "cad", days: "90" }).success).toBe(true);
    for (const days of ["0", "367", "1.5", "x"]) {
      const r = issueTokenSchema.safeParse({ userId: "00000000-0000-4000-8000-000000000001", name: "cad", days });
      expect([days, r.success]).toEqual([days, false]);
    }
  });
});
