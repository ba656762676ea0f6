/**
 * Every language file says everything English says, with the same
 * placeholders: a key missing from es.json would silently show English on a
 * Spanish page, and a renamed placeholder would print "{agency}" to a resident.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

type Tree = { [key: string]: string | Tree };
const dir = path.resolve("messages");
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Tree;

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}

/** The top-level ICU arguments of a message: "{count, plural, one {# file}}" → count. */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    if (message[i] === "{") {
      if (depth === 0) names.add(/^\{\s*([A-Za-z0-9_]+)/.exec(message.slice(i))?.[1] ?? "");
      depth++;
    } else if (message[i] === "}") depth--;
  }
  return [...names].sort();
}

const english = flatten(read("en.json"));
const others = fs.readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "en.json");

describe.each(others)("messages/%s", (file) => {
  const messages = flatten(read(file));
  it("has every English message, and nothing English does not have", () => {
    expect([...english.keys()].filter((k) => !messages.has(k))).toEqual([]);
    expect([...messages.keys()].filter((k) => !english.has(k))).toEqual([]);
  });
  it("uses the same placeholders as English in each message", () => {
    const differ = [...english].filter(([k, v]) => messages.has(k) && placeholders(v).join() !== placeholders(messages.get(k)!).join()).map(([k]) => k);
    expect(differ).toEqual([]);
  });
});
