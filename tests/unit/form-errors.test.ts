import { describe, expect, it } from "vitest";
import { fieldId, inPageOrder, withoutCameraErrors, withoutErrorsOf } from "@/components/registration/form-model";

const sent = {
  "owner.name": "Enter your name",
  "owner.email": "Enter a valid e-mail address",
  cameras: "Choose where at least one camera is",
  "cameras.0.position": "Choose where this camera is",
  "cameras.1.position": "Choose where this camera is",
  "cameras.2.note": "Too long",
};

describe("errors of a failed send once the resident changes fields", () => {
  it("drops only the changed field's error", () => {
    expect(withoutErrorsOf(sent, ["owner.email"])).toEqual(Object.fromEntries(Object.entries(sent).filter(([path]) => path !== "owner.email")));
  });

  it("answers the camera group's error with a camera's place or street answer, not with its note", () => {
    const afterPlace = withoutErrorsOf(sent, ["cameras.1.position"]);
    expect(Object.keys(afterPlace).sort()).toEqual(["cameras.0.position", "cameras.2.note", "owner.email", "owner.name"]);
    expect(withoutErrorsOf(sent, ["cameras.1.recordsStreet"])).not.toHaveProperty("cameras");
    expect(withoutErrorsOf(sent, ["cameras.2.note"])).toHaveProperty("cameras");
  });

  it("keeps the same object when nothing shown changed, so typing elsewhere does not re-render the summary", () => {
    expect(withoutErrorsOf(sent, ["address.unit"])).toBe(sent);
  });

  it("moves later cameras' errors up when a camera is removed", () => {
    expect(withoutCameraErrors(sent, 1)).toEqual({
      "owner.name": "Enter your name",
      "owner.email": "Enter a valid e-mail address",
      "cameras.0.position": "Choose where this camera is",
      "cameras.1.note": "Too long",
    });
  });
});

describe("the error summary's order", () => {
  it("follows the fields down the page, with the form-wide message first, whatever order the checks answered in", () => {
    const page = ["f-eligibility-exteriorFacing", "f-owner-name", "f-address-line1", "f-cameras", "f-cameras-0-position", "f-recordingMode", "f-consent"];
    const rank = (path: string) => page.indexOf(fieldId(path));
    const checked = {
      "owner.name": "Name is required",
      "cameras.0.position": "Choose where this camera is",
      "eligibility.exteriorFacing": "The system must include exterior-facing cameras",
      consent: "You must agree to the terms to register",
      form: "Something went wrong",
      recordingMode: "Choose when the system records",
      "address.line1": "Street address is required",
    };
    expect(Object.keys(inPageOrder(checked, rank))).toEqual([
      "form",
      "eligibility.exteriorFacing",
      "owner.name",
      "address.line1",
      "cameras.0.position",
      "recordingMode",
      "consent",
    ]);
    expect(inPageOrder(checked, rank)["consent"]).toBe(checked.consent);
  });
});
