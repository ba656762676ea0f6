import { afterEach, describe, expect, it, vi } from "vitest";
import { nearQuerySchema } from "@/app/api/cameras/near/schema";

const query = (at: Date) => ({ lat: "41.03", lng: "-73.76", radius: "500", at: at.toISOString() });

describe("GET /api/cameras/near's query schema", () => {
  afterEach(() => vi.useRealTimers());

  it("is built once per maximum radius and reused", () => {
    expect(nearQuerySchema(5000)).toBe(nearQuerySchema(5000));
    expect(nearQuerySchema(5000)).not.toBe(nearQuerySchema(2000));
    expect(nearQuerySchema(2000).safeParse({ lat: "41", lng: "-73", radius: "3000" }).success).toBe(false);
    expect(nearQuerySchema(5000).safeParse({ lat: "41", lng: "-73", radius: "3000" }).success).toBe(true);
  });

  it("judges 'not in the future' against the time of each parse, not of the schema's creation", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-29T12:00:00Z"));
    const schema = nearQuerySchema(5000);
    const inAnHour = new Date("2026-11-29T13:00:00Z");
    const first = schema.safeParse(query(inAnHour));
    expect(first.success).toBe(false);
    expect(first.error?.issues[0]?.message).toBe("must not be in the future");
    expect(schema.safeParse(query(new Date("2026-11-29T12:05:00Z"))).success).toBe(true); // within the 10 min allowed
    vi.setSystemTime(new Date("2026-11-29T14:00:00Z"));
    expect(nearQuerySchema(5000)).toBe(schema);
    expect(schema.safeParse(query(inAnHour)).success).toBe(true);
  });
});
