import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { GET } from "@/app/language/route";

function switchTo(query: string) {
  return GET(new NextRequest(`http://localhost/language?${query}`));
}

describe("language switch (GET /language)", () => {
  it("keeps the choice in a cookie and goes back to a path on this site", () => {
    const response = switchTo("locale=es&back=%2Fregister%3Fx%3D1");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/register?x=1");
    expect(response.headers.get("set-cookie")).toMatch(/es/);
  });

  it.each(["//evil.example", "/%09/evil.example", "/%5Cevil.example", "https://evil.example/"])(
    "never redirects off the site (back=%s)",
    (back) => {
      const response = switchTo(`locale=es&back=${encodeURIComponent(back)}`);
      expect(response.headers.get("location")).toBe("/");
    },
  );
});
