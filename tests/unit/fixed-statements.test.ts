import { describe, expect, it } from "vitest";
import { cameras, registrationStatusHistory } from "@/db/schema";
import { point } from "@/db/postgis";
import { AUDIT_ENTRY_CASTS, AUDIT_ENTRY_COLUMNS, auditEntryValues } from "@/lib/audit/record-audit";
import { fixedStatement, insertValues, placeholders } from "@/lib/db/fixed-statements";

describe("a registration's statements as fixed text", () => {
  it("writes the columns the rows define, numbered after the parameters already taken, encoded as drizzle encodes them", () => {
    const at = new Date("2026-11-29T12:00:00.000Z");
    const params: unknown[] = ["taken"];
    const text = insertValues(
      cameras,
      [
        { registrationId: "r1", position: "front", location: point(-73.76, 41.03), bearingDeg: 90, recordsStreet: true, note: null, createdAt: at, updatedAt: at },
        { registrationId: "r1", position: "back", location: null, bearingDeg: undefined, recordsStreet: false, note: "gate", createdAt: at, updatedAt: at },
      ],
      params,
    );
    expect(text).toBe(
      'insert into "cameras" ("registration_id", "position", "location", "bearing_deg", "records_street", "note", "created_at", "updated_at") values ' +
        "($2, $3, $4, $5, $6, $7, $8, $9), ($10, $11, $12, default, $13, $14, $15, $16)",
    );
    expect(params).toEqual([
      "taken",
      "r1", "front", "SRID=4326;POINT(-73.76 41.03)", 90, true, null, "2026-11-29T12:00:00.000Z", "2026-11-29T12:00:00.000Z",
      "r1", "back", null, false, "gate", "2026-11-29T12:00:00.000Z", "2026-11-29T12:00:00.000Z",
    ]);
  });

  it("leaves a property undefined in every row to the column's default, and refuses a property the table does not have", () => {
    const params: unknown[] = [];
    expect(insertValues(registrationStatusHistory, [{ registrationId: "r1", toStatus: "active", actor: "public", at: undefined }], params)).toBe(
      'insert into "registration_status_history" ("registration_id", "to_status", "actor") values ($1, $2, $3)',
    );
    expect(() => insertValues(registrationStatusHistory, [{ registrationId: "r1", colour: "red" }], [])).toThrow(/no column for "colour"/);
  });

  it("names a statement after its text: one name is one text", () => {
    const a = fixedStatement("select 1 where $1::text is not null");
    expect(fixedStatement("select 1 where $1::text is not null")).toEqual(a);
    expect(fixedStatement("select 2 where $1::text is not null").name).not.toBe(a.name);
    expect(a.name).toMatch(/^sl_[0-9a-f]{24}$/);
  });

  it("writes an audit entry's values in the order of its columns, with their casts", () => {
    expect(AUDIT_ENTRY_COLUMNS.split(", ")).toHaveLength(AUDIT_ENTRY_CASTS.length);
    expect(placeholders(4, 3, ["uuid", "text", "jsonb"])).toBe("$4::uuid, $5::text, $6::jsonb");
    const values = auditEntryValues(
      { userId: null, label: "public", ip: "10.0.0.1", userAgent: "x".repeat(600) },
      { action: "registration.created", targetType: "registration", targetId: "r1", details: { cameras: 2 } },
    );
    expect(values).toEqual([null, "public", "registration.created", "registration", "r1", '{"cameras":2}', "10.0.0.1", "x".repeat(512)]);
  });
});
