/**
 * A learned sequence tagger for US address lines: each word gets a
 * datamade/usaddress label (AddressNumber, StreetName, StreetNamePostType,
 * PlaceName, …) from a linear model over word features, decoded with Viterbi
 * over label pairs (an averaged structured perceptron; trained by
 * scripts/fixtures/train-address-tagger.ts on public labelled addresses only,
 * model in address-tagger-model.ts). The features are the ones the rules use
 * — the word, its shape, known street types, directionals, unit designators,
 * states, US place names, commas, position from either end, and the same of
 * its neighbours — plus what the rule parser itself read (which words it took
 * for the name, the city, …), so the tagger learns where the rules go wrong.
 * The labels become a reading through the same normalizers as everything
 * else (street-name.ts, usps.ts). Used by the candidate in parse-tagged.ts,
 * not by the parser in use. Pure.
 */
import { directionalOf, isAbbreviatedStreetType, misspelledStreetTypeOf, normalizeDirectional, normalizeStreetParts, normalizeStreetType, streetTypeOf, type StreetName } from "./street-name";
import { usPlaceLengths } from "./us-places";
import { CITY_LEADING, normalizeCity, normalizeState, normalizeUnit, normalizeZip, stateOf, unitDesignatorOf } from "./usps";

export interface TaggerToken {
  /** Upper case, punctuation at either end dropped ("DR." → "DR", "CHICAGO," → "CHICAGO"). */
  word: string;
  /** A comma or semicolon right after the word. */
  comma: boolean;
}

/** The trained weights: labels, label-pair and start/end scores, and per feature a score for each label. */
export interface TaggerModel {
  tags: string[];
  start: Float64Array;
  end: Float64Array;
  /** transition[previous * tags.length + next] */
  transition: Float64Array;
  weights: Map<string, Float64Array>;
}

const ORDINAL_WORDS = new Set(["FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH", "NINTH", "TENTH", "ELEVENTH", "TWELFTH"]);

/** Words of a line as the tagger sees them; "," alone or glued ("Chicago,IL") only marks the word before it. */
export function taggerTokens(text: string): TaggerToken[] {
  const tokens: TaggerToken[] = [];
  const clean = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]+/g, " ")
    .toUpperCase()
    .replace(/[,;]/g, ", ");
  for (const raw of clean.split(/\s+/)) {
    if (raw === "") continue;
    const word = raw.replace(/^[^A-Z0-9#&]+|[^A-Z0-9#&]+$/g, "").replace(/[.'"()]/g, "");
    const comma = /[,;]/.test(raw);
    if (word === "") {
      if (comma && tokens.length > 0) tokens[tokens.length - 1].comma = true;
      continue;
    }
    tokens.push({ word, comma });
  }
  return tokens;
}

function shapeOf(word: string): string {
  let shape = "";
  let last = "";
  let run = 0;
  for (const ch of word) {
    const c = ch >= "0" && ch <= "9" ? "9" : ch >= "A" && ch <= "Z" ? "A" : ch;
    if (c === last) {
      run++;
      if (run > 2) continue;
    } else run = 1;
    last = c;
    shape += c;
  }
  return shape;
}

const atomCache = new Map<string, string[]>();
/** What one word says by itself (shared by the word's own features and its neighbours'); remembered per word. */
function wordAtoms(word: string): string[] {
  const cached = atomCache.get(word);
  if (cached) return cached;
  const atoms = [`s=${shapeOf(word)}`];
  if (/^\d+$/.test(word)) atoms.push(`d${Math.min(word.length, 6)}`);
  else atoms.push(`w=${word}`);
  if (directionalOf(word)) atoms.push(word.length <= 2 ? "dirA" : "dir");
  if (streetTypeOf(word)) atoms.push(isAbbreviatedStreetType(word) ? "typA" : "typ");
  else if (misspelledStreetTypeOf(word)) atoms.push("typM");
  if (unitDesignatorOf(word)) atoms.push("unit");
  if (stateOf([word])) atoms.push("st");
  if (/^\d+(ST|ND|RD|TH)$/.test(word) || ORDINAL_WORDS.has(word)) atoms.push("ord");
  if (atomCache.size > 20000) atomCache.clear();
  atomCache.set(word, atoms);
  return atoms;
}

/** Whether two words are a state's name ("NEW YORK", "RHODE ISLAND"). */
function isTwoWordState(a: string, b: string): boolean {
  return a.length >= 3 && b.length >= 4 && /^[A-Z]+$/.test(a) && /^[A-Z]+$/.test(b) && stateOf([a, b]) !== null;
}

/** A word in the spelling the street-name normalizer writes it in ("THIRD" → 3RD, "COUNTY" → CO, "HIGHWAY" → HWY). */
function canonicalNameWord(word: string, streetType: string | null): string {
  if (word === "COUNTY") return "CO";
  return ORDINAL_CANONICAL[word] ?? streetType ?? word;
}
const ORDINAL_CANONICAL: Record<string, string> = {
  FIRST: "1ST", SECOND: "2ND", THIRD: "3RD", FOURTH: "4TH", FIFTH: "5TH", SIXTH: "6TH", SEVENTH: "7TH", EIGHTH: "8TH", NINTH: "9TH", TENTH: "10TH",
};

/** What the rule parser (parse.ts) read, given to the tagger as evidence: it learns where the rules go wrong. */
export interface RuleReading {
  number: number;
  numberPrefix: string | null;
  numberSuffix: string | null;
  street: StreetName;
  unit: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}

/** Per word, which parts of the rules' reading it could be (by its spelling, not its position: the model weighs that). */
function ruleAtoms(words: string[], wf: WordFeatures[], rules: RuleReading | null): string[][] {
  if (!rules) return words.map(() => ["R:none"]);
  const nameWords = new Set(rules.street.name.split(" "));
  const cityWords = new Set((rules.city ?? "").split(" "));
  const unitWords = new Set((rules.unit ?? "").split(" "));
  const number = String(rules.number);
  return words.map((w, i) => {
    const atoms: string[] = [];
    if (i < 4 && w.includes(number)) atoms.push("R:num");
    if (nameWords.has(w) || nameWords.has(canonicalNameWord(w, wf[i].streetType))) atoms.push("R:name");
    if (rules.street.type && wf[i].streetType === rules.street.type) atoms.push("R:type");
    const dir = wf[i].directional;
    if (dir && dir === rules.street.preDir) atoms.push("R:pre");
    if (dir && dir === rules.street.postDir) atoms.push("R:post");
    if (rules.unit && (unitWords.has(w) || unitWords.has(wf[i].unitDesignator ?? "") || unitWords.has(w.replace(/^#/, "")))) atoms.push("R:unit");
    if (rules.city && (cityWords.has(w) || cityWords.has(CITY_LEADING[w] ?? ""))) atoms.push("R:city");
    if (rules.state && (wf[i].state === rules.state || (i + 1 < words.length && isTwoWordState(w, words[i + 1])) || (i > 0 && isTwoWordState(words[i - 1], w)))) atoms.push("R:state");
    if (rules.zip && w.startsWith(rules.zip)) atoms.push("R:zip");
    if (atoms.length === 0) atoms.push("R:-");
    return atoms;
  });
}

/**
 * What a word contributes by itself and to its neighbours' features, as
 * interned strings (no string is built per parse once a word was seen).
 * Numbers of one length share one entry: only their length and shape count.
 */
interface WordFeatures {
  self: string[];
  /** Features of the word after this one ("p:…") and before it ("n:…"), two away ("pp:…", "nn:…"). */
  asPrevious: string[];
  asNext: string[];
  asSecondPrevious: string[];
  asSecondNext: string[];
  /** The shape with the position from the end (0-3). */
  shapeByRank: string[];
  shape: string;
  /** The word's directional, street type (also misspelled), unit designator and state, if it is one. */
  directional: string | null;
  streetType: string | null;
  unitDesignator: string | null;
  state: string | null;
  /** "n:<next word's shape>|<this shape>", by the next word's shape. */
  pairs: Map<string, string>;
}

const wordFeatureCache = new Map<string, WordFeatures>();
function wordCacheKey(word: string): string {
  return /^\d+$/.test(word) ? "0".repeat(word.length) : word;
}
function wordFeatures(word: string): WordFeatures {
  const key = wordCacheKey(word);
  const cached = wordFeatureCache.get(key);
  if (cached) return cached;
  const atoms = wordAtoms(key);
  const features: WordFeatures = {
    self: [...atoms, `len=${Math.min(key.length, 8)}`],
    asPrevious: atoms.map((a) => `p:${a}`),
    asNext: atoms.map((a) => `n:${a}`),
    asSecondPrevious: [`pp:${atoms[0]}`, `pp:${atoms[1]}`],
    asSecondNext: [`nn:${atoms[0]}`, `nn:${atoms[1]}`],
    shapeByRank: [0, 1, 2, 3].map((r) => `${atoms[0]}|r=${r}`),
    shape: atoms[0],
    directional: directionalOf(key),
    streetType: streetTypeOf(key) ?? misspelledStreetTypeOf(key),
    unitDesignator: unitDesignatorOf(key),
    state: stateOf([key]),
    pairs: new Map(),
  };
  if (wordFeatureCache.size > 20000) wordFeatureCache.clear();
  wordFeatureCache.set(key, features);
  return features;
}
function pairFeature(word: WordFeatures, next: WordFeatures): string {
  let pair = word.pairs.get(next.shape);
  if (!pair) word.pairs.set(next.shape, (pair = `n:${next.shape}|${word.shape}`));
  return pair;
}

const RULE_ATOMS = ["R:none", "R:-", "R:num", "R:name", "R:type", "R:pre", "R:post", "R:unit", "R:city", "R:state", "R:zip"];

/**
 * The features of a word's place in its line that do not depend on the word
 * itself, numbered: the tagger adds their weights by number, with no string
 * built or looked up per parse.
 */
const FIXED_FEATURES: string[] = [
  "b", "c", "pc", "pl", "plE", "st2a", "st2b", "first", "last",
  ...[0, 1, 2, 3, 4].map((i) => `i=${i}`),
  ...[0, 1, 2, 3, 4].map((i) => `r=${i}`),
  ...[0, 1, 2, 3].map((i) => `g=${i}`),
  ...[1, 2, 3].map((i) => `plS${i}`),
  ...RULE_ATOMS.flatMap((r) => [r, ...[0, 1, 2, 3].map((k) => `${r}|r=${k}`), `p:${r}`, `n:${r}`]),
];
const FIXED_ID = new Map(FIXED_FEATURES.map((f, i) => [f, i]));
const fixedId = (feature: string) => FIXED_ID.get(feature)!;
const [BIAS, COMMA, PREVIOUS_COMMA, IN_PLACE, PLACE_END, STATE_STARTS, STATE_ENDS, FIRST, LAST] = ["b", "c", "pc", "pl", "plE", "st2a", "st2b", "first", "last"].map(fixedId);
const AT = [0, 1, 2, 3, 4].map((i) => fixedId(`i=${i}`));
const FROM_END = [0, 1, 2, 3, 4].map((i) => fixedId(`r=${i}`));
const GROUP = [0, 1, 2, 3].map((i) => fixedId(`g=${i}`));
const PLACE_START = [0, 1, 2, 3].map((i) => (i === 0 ? -1 : fixedId(`plS${i}`)));
const RULE_FEATURES = new Map(RULE_ATOMS.map((r) => [r, { self: fixedId(r), byRank: [0, 1, 2, 3].map((k) => fixedId(`${r}|r=${k}`)), asPrevious: fixedId(`p:${r}`), asNext: fixedId(`n:${r}`) }]));

/** Per word of a line: its word features, and the numbered features of its place in the line. */
interface LineFeatures {
  words: WordFeatures[];
  fixed: number[][];
  /** Position from the end, 0-3 (for the shape-by-position feature). */
  ranks: number[];
}

function lineFeatures(tokens: TaggerToken[], rules: RuleReading | null): LineFeatures {
  const n = tokens.length;
  const words = tokens.map((t) => t.word);
  const wf = words.map(wordFeatures);
  const ruled = ruleAtoms(words, wf, rules).map((atoms) => atoms.map((a) => RULE_FEATURES.get(a)!));
  const places = usPlaceLengths(words);
  const inPlace = new Array<boolean>(n).fill(false);
  const placeEnds = new Array<boolean>(n).fill(false);
  places.forEach((length, i) => {
    for (let j = i; j < i + length; j++) inPlace[j] = true;
    if (length > 0) placeEnds[i + length - 1] = true;
  });
  // Commas after each word, counted from the end: which comma group (0 = the last) a word is in.
  const groupFromEnd = new Array<number>(n).fill(0);
  for (let i = n - 2, g = 0; i >= 0; i--) {
    if (tokens[i].comma) g++;
    groupFromEnd[i] = g;
  }
  const fixed: number[][] = [];
  const ranks: number[] = [];
  for (let i = 0; i < n; i++) {
    const rank = Math.min(n - 1 - i, 3);
    ranks.push(rank);
    const f = [BIAS, AT[Math.min(i, 4)], FROM_END[Math.min(n - 1 - i, 4)], GROUP[Math.min(groupFromEnd[i], 3)]];
    if (tokens[i].comma) f.push(COMMA);
    if (i > 0 && tokens[i - 1].comma) f.push(PREVIOUS_COMMA);
    if (places[i] > 0) f.push(PLACE_START[Math.min(places[i], 3)]);
    if (inPlace[i]) f.push(IN_PLACE);
    if (placeEnds[i]) f.push(PLACE_END);
    if (i + 1 < n && isTwoWordState(words[i], words[i + 1])) f.push(STATE_STARTS);
    if (i > 0 && isTwoWordState(words[i - 1], words[i])) f.push(STATE_ENDS);
    if (i === 0) f.push(FIRST);
    if (i === n - 1) f.push(LAST);
    for (const r of ruled[i]) f.push(r.self, r.byRank[rank]);
    if (i > 0) for (const r of ruled[i - 1]) f.push(r.asPrevious);
    if (i + 1 < n) for (const r of ruled[i + 1]) f.push(r.asNext);
    fixed.push(f);
  }
  return { words: wf, fixed, ranks };
}

/** The features of every word of a line (strings; the model scores each one for each label). For training. */
export function taggerFeatures(tokens: TaggerToken[], rules: RuleReading | null = null): string[][] {
  const { words, fixed, ranks } = lineFeatures(tokens, rules);
  const n = words.length;
  return fixed.map((f, i) => [
    ...f.map((id) => FIXED_FEATURES[id]),
    words[i].shapeByRank[ranks[i]],
    ...(i + 1 < n ? [pairFeature(words[i], words[i + 1])] : []),
    ...words[i].self,
    ...(i > 0 ? words[i - 1].asPrevious : []),
    ...(i + 1 < n ? words[i + 1].asNext : []),
    ...(i > 1 ? words[i - 2].asSecondPrevious : []),
    ...(i + 2 < n ? words[i + 2].asSecondNext : []),
  ]);
}

/** A word's summed weights per label in each role, remembered per model (the same sums taggerFeatures' strings give). */
interface WordScores {
  self: Float64Array;
  asPrevious: Float64Array;
  asNext: Float64Array;
  asSecondPrevious: Float64Array;
  asSecondNext: Float64Array;
  byRank: Float64Array[];
  /** The pair feature's weights, by the next word's shape. */
  pairs: Map<string, Float64Array | null>;
}
interface ModelCache {
  words: Map<WordFeatures, WordScores>;
  fixed: (Float64Array | null)[];
}
const modelCaches = new WeakMap<TaggerModel, ModelCache>();
function modelCache(model: TaggerModel): ModelCache {
  let cache = modelCaches.get(model);
  if (!cache) modelCaches.set(model, (cache = { words: new Map(), fixed: FIXED_FEATURES.map((f) => model.weights.get(f) ?? null) }));
  return cache;
}
function wordScores(model: TaggerModel, cache: ModelCache, word: WordFeatures): WordScores {
  let scores = cache.words.get(word);
  if (scores) return scores;
  const sum = (features: string[]) => {
    const out = new Float64Array(model.tags.length);
    for (const f of features) {
      const w = model.weights.get(f);
      if (w) for (let t = 0; t < out.length; t++) out[t] += w[t];
    }
    return out;
  };
  scores = {
    self: sum(word.self),
    asPrevious: sum(word.asPrevious),
    asNext: sum(word.asNext),
    asSecondPrevious: sum(word.asSecondPrevious),
    asSecondNext: sum(word.asSecondNext),
    byRank: word.shapeByRank.map((f) => sum([f])),
    pairs: new Map(),
  };
  if (cache.words.size > 20000) cache.words.clear();
  cache.words.set(word, scores);
  return scores;
}

function addInto(emit: Float64Array, at: number, w: Float64Array, k: number): void {
  for (let t = 0; t < k; t++) emit[at + t] += w[t];
}

/** Each word's score for each label: the summed weights of its features. */
export function taggerEmissions(model: TaggerModel, tokens: TaggerToken[], rules: RuleReading | null): Float64Array {
  const k = model.tags.length;
  const n = tokens.length;
  const cache = modelCache(model);
  const { words, fixed, ranks } = lineFeatures(tokens, rules);
  const scores = words.map((w) => wordScores(model, cache, w));
  const emit = new Float64Array(n * k);
  const add = (at: number, w: Float64Array) => addInto(emit, at, w, k);
  for (let i = 0; i < n; i++) {
    const at = i * k;
    add(at, scores[i].self);
    add(at, scores[i].byRank[ranks[i]]);
    if (i > 0) add(at, scores[i - 1].asPrevious);
    if (i + 1 < n) {
      add(at, scores[i + 1].asNext);
      const next = words[i + 1].shape;
      let pair = scores[i].pairs.get(next);
      if (pair === undefined) scores[i].pairs.set(next, (pair = model.weights.get(pairFeature(words[i], words[i + 1])) ?? null));
      if (pair) add(at, pair);
    }
    if (i > 1) add(at, scores[i - 2].asSecondPrevious);
    if (i + 2 < n) add(at, scores[i + 2].asSecondNext);
    for (const id of fixed[i]) {
      const w = cache.fixed[id];
      if (w) add(at, w);
    }
  }
  return emit;
}

export interface TaggedLine {
  tokens: TaggerToken[];
  tags: string[];
  /** The smallest margin of any word between its label and the best other label (max-marginals; only when asked for); low = unsure. */
  margin: number;
}

const transposed = new WeakMap<TaggerModel, Float64Array>();
/** transition scores by [next * k + previous], so Viterbi's inner loop reads one row. */
function transitionsInto(model: TaggerModel): Float64Array {
  let into = transposed.get(model);
  if (!into) {
    const k = model.tags.length;
    into = new Float64Array(k * k);
    for (let p = 0; p < k; p++) for (let t = 0; t < k; t++) into[t * k + p] = model.transition[p * k + t];
    transposed.set(model, into);
  }
  return into;
}

/**
 * The best label sequence for `n` tokens and `k` labels: emission scores by
 * [token * k + label], transitions by [next * k + previous] (one row per inner
 * loop), start and end scores by label. Shared by tagging and by training
 * (scripts/fixtures/train-address-tagger.ts), so both decode alike.
 */
export function viterbi(emit: Float64Array, n: number, k: number, start: ArrayLike<number>, into: Float64Array, end: ArrayLike<number>): { path: number[]; alpha: Float64Array } {
  const alpha = new Float64Array(n * k);
  const back = new Int32Array(n * k);
  for (let t = 0; t < k; t++) alpha[t] = start[t] + emit[t];
  for (let i = 1; i < n; i++) {
    const before = (i - 1) * k;
    for (let t = 0; t < k; t++) {
      let best = -Infinity;
      let arg = 0;
      const row = t * k;
      for (let p = 0; p < k; p++) {
        const s = alpha[before + p] + into[row + p];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      alpha[i * k + t] = best + emit[i * k + t];
      back[i * k + t] = arg;
    }
  }
  let last = 0;
  for (let t = 1; t < k; t++) if (alpha[(n - 1) * k + t] + end[t] > alpha[(n - 1) * k + last] + end[last]) last = t;
  const path = new Array<number>(n);
  path[n - 1] = last;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * k + path[i]];
  return { path, alpha };
}

/** Viterbi over the label sequence, with max-marginals for the margin. */
export function tagLine(model: TaggerModel, text: string, rules: RuleReading | null = null, withMargin = false): TaggedLine {
  const tokens = taggerTokens(text);
  const n = tokens.length;
  const k = model.tags.length;
  if (n === 0) return { tokens, tags: [], margin: 0 };
  const emit = taggerEmissions(model, tokens, rules);
  const { path, alpha } = viterbi(emit, n, k, model.start, transitionsInto(model), model.end);
  const tags = path.map((t) => model.tags[t]);
  if (!withMargin) return { tokens, tags, margin: NaN };
  const beta = new Float64Array(n * k);
  for (let t = 0; t < k; t++) beta[(n - 1) * k + t] = model.end[t];
  for (let i = n - 2; i >= 0; i--) {
    for (let t = 0; t < k; t++) {
      let best = -Infinity;
      for (let q = 0; q < k; q++) {
        const s = model.transition[t * k + q] + emit[(i + 1) * k + q] + beta[(i + 1) * k + q];
        if (s > best) best = s;
      }
      beta[i * k + t] = best;
    }
  }
  let margin = Infinity;
  for (let i = 0; i < n; i++) {
    const chosen = alpha[i * k + path[i]] + beta[i * k + path[i]];
    let other = -Infinity;
    for (let t = 0; t < k; t++) if (t !== path[i]) other = Math.max(other, alpha[i * k + t] + beta[i * k + t]);
    margin = Math.min(margin, chosen - other);
  }
  return { tokens, tags, margin };
}

/**
 * usaddress labels the tagger learns as one (fewer labels, a faster Viterbi):
 * the parts of a box, of a crossing, the names of people and buildings (all
 * of which only say "not this reader's kind of line" or "ignore"), and the
 * rare modifiers that the reading joins into the name or pre-type anyway.
 */
export const TAGGER_LABEL_OF: Record<string, string> = {
  USPSBoxType: "USPSBox", USPSBoxID: "USPSBox", USPSBoxGroupType: "USPSBox", USPSBoxGroupID: "USPSBox",
  IntersectionSeparator: "Intersection", CornerOf: "Intersection",
  Recipient: "Name", BuildingName: "Name", LandmarkName: "Name",
  StreetNamePostModifier: "StreetName", StreetNamePreModifier: "StreetNamePreType",
};

/** Labels that mean the line is not one street address for this reader (boxes, crossings, notes). */
const NOT_A_STREET_ADDRESS = new Set(["USPSBox", "Intersection", "NotAddress"]);
const NUMBER_WORDS: Record<string, number> = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5, SIX: 6, SEVEN: 7, EIGHT: 8, NINE: 9, TEN: 10 };

export type TaggedStreetAddress = RuleReading;

function wordsByTag(line: TaggedLine): Map<string, string[]> {
  const byTag = new Map<string, string[]>();
  line.tags.forEach((tag, i) => {
    let words = byTag.get(tag);
    if (!words) byTag.set(tag, (words = []));
    words.push(line.tokens[i].word);
  });
  return byTag;
}

/** The city the labels give, alone (cheaper than the whole reading, for a quick comparison). */
export function cityFromTags(line: TaggedLine): string | null {
  const words: string[] = [];
  line.tags.forEach((tag, i) => {
    if (tag === "PlaceName") words.push(line.tokens[i].word);
  });
  return normalizeCity(words.join(" "));
}

/**
 * The labelled words as a street address, through the shared normalizers
 * (the same way the accuracy test reads usaddress's own labels), or null when
 * the labels do not make one (no number or name, a box, a crossing).
 */
export function streetAddressFromTags(line: TaggedLine): TaggedStreetAddress | null {
  const byTag = wordsByTag(line);
  for (const tag of byTag.keys()) if (NOT_A_STREET_ADDRESS.has(tag)) return null;
  const join = (...tags: string[]) => tags.flatMap((t) => byTag.get(t) ?? []).join(" ") || null;
  const numberText = (byTag.get("AddressNumber") ?? []).join("");
  if (!numberText) return null;
  const prefixText = (byTag.get("AddressNumberPrefix") ?? []).join("").replace(/^#/, "");
  const suffixText = (byTag.get("AddressNumberSuffix") ?? []).join("") || null;
  let number: number;
  let numberPrefix: string | null = prefixText || null;
  let numberSuffix = suffixText;
  const m = numberText.match(/^(.*?)(\d+)([A-Z]|1\/2)?$/);
  if (NUMBER_WORDS[numberText]) number = NUMBER_WORDS[numberText];
  else if (m && m[2].length <= 7 && !/^0/.test(m[2])) {
    number = Number(m[2]);
    if (m[1]) numberPrefix = `${numberPrefix ?? ""}${m[1]}`;
    if (m[3]) numberSuffix = `${m[3]}${numberSuffix ?? ""}`;
  } else return null;
  if (number <= 0) return null;
  const street = normalizeStreetParts({
    preDir: join("StreetNamePreDirectional"),
    preType: join("StreetNamePreType"),
    name: join("StreetName"),
    type: join("StreetNamePostType"),
    postDir: join("StreetNamePostDirectional"),
  });
  if (!street || !/[A-Z0-9]/.test(street.name)) return null;
  street.type = normalizeStreetType(street.type);
  street.preDir = normalizeDirectional(street.preDir);
  return {
    number,
    numberPrefix,
    numberSuffix,
    street,
    unit: normalizeUnit(join("OccupancyType", "OccupancyIdentifier") ?? join("SubaddressType", "SubaddressIdentifier")),
    city: normalizeCity(join("PlaceName")),
    state: normalizeState(join("StateName")),
    zip: normalizeZip(join("ZipCode")),
  };
}

/**
 * The model from its text form (address-tagger-model.ts): a line of labels, a
 * line of start, end and label-pair scores, then one line per feature,
 * "feature<TAB>label:score label:score …" with scores in thousandths.
 */
export function readTaggerModel(text: string): TaggerModel {
  const lines = text.split("\n");
  const tags = lines[0].split(" ");
  const k = tags.length;
  const fixed = lines[1].split(" ").map((v) => Number(v) / 1000);
  const start = Float64Array.from(fixed.slice(0, k));
  const end = Float64Array.from(fixed.slice(k, 2 * k));
  const transition = Float64Array.from(fixed.slice(2 * k, 2 * k + k * k));
  const weights = new Map<string, Float64Array>();
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const tab = line.indexOf("\t");
    const w = new Float64Array(k);
    for (const pair of line.slice(tab + 1).split(" ")) {
      const colon = pair.indexOf(":");
      w[Number(pair.slice(0, colon))] = Number(pair.slice(colon + 1)) / 1000;
    }
    weights.set(line.slice(0, tab), w);
  }
  return { tags, start, end, transition, weights };
}

/** The model in its text form, weights under `prune` (in thousandths) dropped to keep the file small. */
export function writeTaggerModel(model: TaggerModel, prune: number): string {
  const k = model.tags.length;
  const q = (v: number) => Math.round(v * 1000);
  const lines = [model.tags.join(" "), [...model.start, ...model.end, ...model.transition].map(q).join(" ")];
  for (const [feature, w] of [...model.weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const pairs: string[] = [];
    for (let t = 0; t < k; t++) if (Math.abs(q(w[t])) >= prune) pairs.push(`${t}:${q(w[t])}`);
    if (pairs.length > 0) lines.push(`${feature}\t${pairs.join(" ")}`);
  }
  return lines.join("\n") + "\n";
}
