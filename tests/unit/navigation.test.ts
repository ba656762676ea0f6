import { describe, expect, it } from "vitest";
import { visibleNavItems } from "@/components/layout/site-header";

describe("navigation by role", () => {
  it("shows the public only public links", () => {
    expect(visibleNavItems(null).map((i) => i.href)).toEqual(["/register"]);
  });
  it("nests roles: admin sees everything a supervisor sees, who sees everything a detective sees", () => {
    const d = visibleNavItems("detective").map((i) => i.href);
    const s = visibleNavItems("supervisor").map((i) => i.href);
    const a = visibleNavItems("admin").map((i) => i.href);
    expect(d).not.toContain("/review");
    // A detective's own list and the registry are one click away (issue 15: "My canvass is linked nowhere").
    expect(d).toEqual(expect.arrayContaining(["/map", "/my-canvass", "/registry"]));
    expect(s).toEqual(expect.arrayContaining(d));
    expect(a).toEqual(expect.arrayContaining(s));
    expect(a).toContain("/admin");
    expect(s).not.toContain("/admin");
  });
});
