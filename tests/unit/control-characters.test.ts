import { describe, expect, it } from "vitest";
import { readJsonBody } from "@/lib/http/read-json-body";
import { AppError } from "@/lib/http/errors";
import { newUserSchema } from "@/lib/accounts/user-input";

const post = (body: string) => new Request("http://x/api", { method: "POST", headers: { "content-type": "application/json" }, body });

describe("control characters in text fields", () => {
  it("the JSON body reader refuses them anywhere, naming each field, and keeps tabs and new lines", async () => {
    const err = await readJsonBody(post(JSON.stringify({ owner: { email: "a@b.example\u0000x" }, notes: ["ok", "bell\u0007"], ["k\u0001"]: 1 }))).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("validation");
    expect((err as AppError).fields).toEqual({
      "owner.email": "must not contain control characters",
      "notes.1": "must not contain control characters",
      "k?": "must not contain control characters",
    });
    expect(await readJsonBody(post(JSON.stringify({ notes: "line one\r\nline two\tend" })))).toEqual({ notes: "line one\r\nline two\tend" });
  });
  it("staff account forms refuse them too", () => {
    const parsed = newUserSchema.safeParse({ email: "pat@agency.example", name: "Pat\u0000Chief", role: "detective" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["name", "must not contain control characters"]]);
  });
});
