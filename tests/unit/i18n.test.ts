import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { matchLocale, parseAcceptLanguage, resolveLocale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translate";
import { fieldErrors } from "@/lib/http/field-errors";
import { registrationSchemas } from "@/lib/registration/schema";
import { validRegistration } from "../support/factories";

const MESSAGES = path.resolve("messages");
const files = fs.readdirSync(MESSAGES).filter((f) => f.endsWith(".json"));
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(MESSAGES, f), "utf8")) as Record<string, unknown>;
function leaves(o: Record<string, unknown>, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === "object") for (const [kk, vv] of leaves(v as Record<string, unknown>, `${prefix}${k}.`)) out.set(kk, vv);
    else out.set(`${prefix}${k}`, String(v));
  }
  return out;
}
/** ICU arguments of a message: "{agency}", "{count, plural, …}" → agency, count. */
const argumentsOf = (message: string) => new Set([...message.matchAll(/\{\s*([a-zA-Z]+)\s*[,}]/g)].map((m) => m[1]));

describe("messages files", () => {
  const english = leaves(load("en.json"));
  it("include English and Spanish", () => {
    expect(files).toEqual(expect.arrayContaining(["en.json", "es.json"]));
  });
  it.each(files.filter((f) => f !== "en.json"))("%s has every English message, with the same arguments, and no stray keys", (file) => {
    const other = leaves(load(file));
    expect([...english.keys()].filter((k) => !other.has(k))).toEqual([]);
    expect([...other.keys()].filter((k) => !english.has(k))).toEqual([]);
    for (const [key, message] of english) expect([key, argumentsOf(other.get(key)!)]).toEqual([key, argumentsOf(message)]);
  });
});

describe("request language", () => {
  const available = ["en", "es"];
  it("reads Accept-Language by weight and refuses q=0", () => {
    expect(parseAcceptLanguage("es-MX,es;q=0.9,en;q=0.5")).toEqual(["es-mx", "es", "en"]);
    expect(parseAcceptLanguage("en;q=0.2, es;q=0.8")).toEqual(["es", "en"]);
    expect(parseAcceptLanguage("es;q=0, en")).toEqual(["en"]);
    expect(parseAcceptLanguage("<script>, *")).toEqual([]);
  });
  it("matches a regional tag to its language", () => {
    expect(matchLocale("es-MX", available)).toBe("es");
    expect(matchLocale("fr", available)).toBeNull();
  });
  it("prefers the resident's choice (cookie), then Accept-Language, then English", () => {
    expect(resolveLocale({ cookie: "es", acceptLanguage: "en-US" }, available)).toBe("es");
    expect(resolveLocale({ cookie: "xx", acceptLanguage: "fr, es;q=0.5" }, available)).toBe("es");
    expect(resolveLocale({ acceptLanguage: "fr-CA" }, available)).toBe("en");
    expect(resolveLocale({}, available)).toBe("en");
  });
});

describe("validation messages per language", () => {
  it("names the same fields in Spanish, with Spanish messages", () => {
    const es = registrationSchemas(translatorFor("es", load("es.json"), "validation"));
    const r = es.registration.safeParse(validRegistration({ owner: { name: "", phone: "123", email: "x" }, address: { line1: "Calle", city: "W", state: "Ilinois", zip: "1" } }));
    expect(r.success).toBe(false);
    const errors = fieldErrors(r.error!);
    expect(errors["owner.name"]).toBe("Complete el campo «Nombre»");
    expect(errors["owner.phone"]).toMatch(/número de EE\. UU\. de 10 dígitos/);
    expect(errors["owner.email"]).toMatch(/dirección de correo válida/);
    expect(errors["address.state"]).toBe("Escriba un estado de EE. UU., p. ej. IL o Illinois");
    expect(errors["address.zip"]).toMatch(/código postal de 5 dígitos/);
  });

  it("says what belongs in an object a client left out or sent as something else, in the request's language", () => {
    const misshapen = { ...validRegistration(), owner: "Pat", address: undefined, alternateContact: 5, cameras: [7], pin: [41.8, -87.8] };
    const messagesOf = (file: string) => {
      const r = registrationSchemas(translatorFor(file.slice(0, 2), load(file), "validation")).registration.safeParse(misshapen);
      expect(r.success).toBe(false);
      return fieldErrors(r.error!);
    };
    const en = messagesOf("en.json");
    expect(en).toMatchObject({
      owner: "Give the owner's contact: name, phone and e-mail",
      address: "Give the address: street, city, state and ZIP code",
      alternateContact: "The alternate contact needs a name and a phone",
      "cameras.0": "Describe each camera: where it is and whether it records the street",
      pin: "The pin needs a latitude and a longitude",
    });
    const es = messagesOf("es.json");
    expect(es.owner).toBe("Indique el contacto del propietario: nombre, teléfono y correo electrónico");
    expect(es.address).toBe("Indique la dirección: calle, ciudad, estado y código postal");
    // No message in either language is zod's own English ("Invalid input: expected object, received string").
    for (const message of [...Object.values(en), ...Object.values(es)]) expect(message).not.toMatch(/Invalid input|expected object/);
  });
});
