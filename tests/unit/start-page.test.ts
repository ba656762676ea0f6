import { describe, expect, it } from "vitest";
import { afterSignInPath, startPathFor } from "@/lib/auth/start-page";

describe("staff start pages", () => {
  it("lands supervisors and admins on the dashboard, detectives on their stops or the map", () => {
    expect(startPathFor("supervisor", 3)).toBe("/dashboard");
    expect(startPathFor("admin", 0)).toBe("/dashboard");
    expect(startPathFor("detective", 2)).toBe("/my-canvass");
    expect(startPathFor("detective", 0)).toBe("/map");
  });
  it("sends a sign-in without a destination to the start page, and keeps one that was asked for", () => {
    expect(afterSignInPath("/")).toBe("/start");
    expect(afterSignInPath("/incidents?status=open")).toBe("/incidents?status=open");
  });
});
