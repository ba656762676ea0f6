import { describe, expect, it } from "vitest";
import { startScriptNodeFlags } from "../../scripts/support/next-app";

describe("the Node.js flags of `npm start`, which the load test, the bench and the fault tests start the app with", () => {
  it("reads them from package.json's start script", () => {
    // README "Deploying": a larger young generation for the app's many short-lived request objects.
    expect(startScriptNodeFlags()).toEqual(["--max-semi-space-size=64"]);
  });

  it("takes any number of flags, with or without a value", () => {
    expect(startScriptNodeFlags("node node_modules/next/dist/bin/next start")).toEqual([]);
    expect(startScriptNodeFlags("node --max-semi-space-size=32 --trace-gc node_modules/next/dist/bin/next start")).toEqual([
      "--max-semi-space-size=32",
      "--trace-gc",
    ]);
  });

  it("refuses a start script of another shape instead of starting the app differently from `npm start`", () => {
    expect(() => startScriptNodeFlags("next start")).toThrow(/start script/);
    expect(() => startScriptNodeFlags("NODE_OPTIONS=--max-semi-space-size=64 next start")).toThrow(/start script/);
    expect(() => startScriptNodeFlags("node --max-semi-space-size=64 node_modules/next/dist/bin/next start -p 3001")).toThrow(/start script/);
  });
});
