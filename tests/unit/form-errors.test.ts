import { describe, expect, it } from "vitest";
import { withoutCameraErrors, withoutErrorsOf } from "@/components/registration/form-model";

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
