import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";

describe("demo data and geocoding on a fresh start", () => {
  it("seeded the synthetic demo on first start, every registration placed by the local geocoder", async () => {
    if (inject("dataDir") === "") return; // pointed at an existing app: its log is not ours
    const log = fs.readFileSync(path.resolve("test-results/e2e-app.log"), "utf8");
    expect(log).toMatch(/seeded the synthetic Westchester demo \(300 registrations, \d{4} address points, 643 centerline segments\)/);
  });

  it("keeps the geocoder API for staff only", async () => {
    const res = await fetch(`${inject("baseUrl")}/api/geocode?q=${encodeURIComponent("10300 W Roosevelt Rd")}`);
    expect(res.status).toBe(401);
  });
});
