/**
 * npm run geocode:compare-parsers — how parse-address and addresser (raw) and
 * our parser (parse-address plus fixes) read a test set of what residents
 * type. Kept so the choice of library can be re-checked on new cases.
 */
import * as addresser from "addresser";
import parser from "parse-address";
import { parseAddress } from "../lib/geocode/parse";

interface Case {
  text: string;
  /** Expected house number and street name, or null for "must not read as a street address". */
  expect: { number: string; name: string } | null;
}

const CASES: Case[] = [
  { text: "10300 W Roosevelt Rd, Westchester, IL 60154", expect: { number: "10300", name: "ROOSEVELT" } },
  { text: "10300 west roosevelt road westchester il", expect: { number: "10300", name: "ROOSEVELT" } },
  { text: "10300 Roosevelt", expect: { number: "10300", name: "ROOSEVELT" } },
  { text: "10300 Roosevelt Rd", expect: { number: "10300", name: "ROOSEVELT" } },
  { text: "2215 S Hull Ave Apt 2B, Westchester IL 60154, USA", expect: { number: "2215", name: "HULL" } },
  { text: "10450 W. Cermak Rd. #4", expect: { number: "10450", name: "CERMAK" } },
  { text: "10501 W 31st St Westchester IL", expect: { number: "10501", name: "31ST" } },
  { text: "10300A W Roosevelt Rd", expect: { number: "10300", name: "ROOSEVELT" } },
  { text: "10300 W Roosévelt Rd", expect: { number: "10300", name: "ROOSEVELT" } },
  { text: "Cermak & Hull", expect: null },
  { text: "corner of Cermak and Hull", expect: null },
  { text: "PO Box 123, Westchester, IL 60154", expect: null },
  { text: "1234", expect: null },
  { text: "", expect: null },
  { text: "1".repeat(10_000) + " Main St", expect: null },
];

type Reader = (text: string) => { number: string; name: string } | null;

const readers: Record<string, Reader> = {
  "parse-address": (text) => {
    const p = parser.parseLocation(text);
    return p?.number && p.street ? { number: p.number, name: p.street.toUpperCase() } : null;
  },
  addresser: (text) => {
    const p = addresser.parseAddress(text);
    return p.streetNumber ? { number: p.streetNumber, name: p.streetName.replace(/^(N|S|E|W|NORTH|SOUTH|EAST|WEST)\s+/i, "").toUpperCase() } : null;
  },
  "sightline (parse-address + fixes)": (text) => {
    const p = parseAddress(text);
    return p.kind === "address" ? { number: String(p.number), name: p.street.name } : null;
  },
};

const rows = Object.entries(readers).map(([name, read]) => {
  let correct = 0;
  let threw = 0;
  const started = performance.now();
  for (const c of CASES) {
    let got: ReturnType<Reader>;
    try {
      got = read(c.text);
    } catch {
      threw++;
      got = null;
    }
    if (c.expect === null ? got === null : got?.number === c.expect.number && got?.name === c.expect.name) correct++;
  }
  return { parser: name, correct: `${correct}/${CASES.length}`, threw, ms: Math.round(performance.now() - started) };
});
console.table(rows);
