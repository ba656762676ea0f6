import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
/** drizzle's DrizzleQueryError shape: "Failed query: …" with the driver error as cause. */
const wrapped = (cause: Error) => new Error("Failed query: select 1\nparams: ", { cause });

describe("isDatabaseUnavailable: 503 for an absent database, 500 for everything else", () => {
  it.each([
    ["connection refused", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["server shut down (admin / immediate stop)", wrapped(withCode("terminating connection due to administrator command", "57P01"))],
    ["starting up after a crash", withCode("the database system is starting up", "57P03")],
    ["connection exception class 08", wrapped(withCode("connection failure", "08006"))],
    ["connection cut mid-query", wrapped(new Error("Connection terminated unexpectedly"))],
    ["pool timeout", new Error("timeout exceeded when trying to connect")],
    ["dead embedded instance", new Error("PGlite is closed")],
  ])("%s → unavailable", (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ["SQL syntax error", wrapped(withCode('syntax error at or near "selec"', "42601"))],
    ["unique violation", wrapped(withCode("duplicate key value violates unique constraint", "23505"))],
    ["a bug in our code", new TypeError("Cannot read properties of undefined (reading 'id')")],
    ["not an Error", "boom"],
  ])("%s → not unavailable", (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
