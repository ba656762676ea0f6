/**
 * A candidate parser, measured but NOT the one in use: our rule parser
 * (parse.ts) with the learned address tagger (address-tagger.ts) consulted
 * where the rules may have put the line between street, unit and city in the
 * wrong place. `npm run geocode:compare-parsers` measures it beside the others
 * (README "Parser": on the held-out half it reads 2 more of 593 addresses
 * whole and 2 fewer units right than the rules alone, at extra parse cost, so
 * parse.ts stays rules only). Pure: no database.
 */
import { cityFromTags, readTaggerModel, streetAddressFromTags, tagLine, type TaggedStreetAddress, type TaggerModel } from "./address-tagger";
import { ADDRESS_TAGGER_MODEL } from "./address-tagger-model";
import { parseAddress, type ParsedAddress } from "./parse";
import { isUsPlace } from "./us-places";

/** Refusals the tagger may still read ("Flat 4 10A Dr Martin Luther King Blvd"); too long or empty stays refused. */
const TAGGER_MAY_READ = new Set(["no house number", "no street name"]);

let taggerModel: TaggerModel | null = null;
/** The committed model, read on first use. */
export function addressTaggerModel(): TaggerModel {
  return (taggerModel ??= readTaggerModel(ADDRESS_TAGGER_MODEL));
}

export function parseAddressTagged(text: string): ParsedAddress {
  return parseAddressWithTagger(addressTaggerModel(), text);
}

/**
 * The rules first; the tagger only where the rules read a city that is no US
 * place (of the state or ZIP given) — the line between street, unit and city
 * may be in the wrong place — or found no street address at all. Elsewhere
 * it changed nothing on the development half (5-fold; combineReadings only
 * ever takes its city) and would only cost time.
 */
export function parseAddressWithTagger(model: TaggerModel, text: string): ParsedAddress {
  const byRules = parseAddress(text);
  if (byRules.kind === "po_box" || byRules.kind === "intersection" || (byRules.kind === "unparsed" && !TAGGER_MAY_READ.has(byRules.reason))) return byRules;
  if (byRules.kind === "address" && (!byRules.city || isUsPlace(byRules.city, byRules.state, byRules.zip))) return byRules;
  const line = tagLine(model, text, byRules.kind === "address" ? byRules : null);
  // The tagger's reading only counts where its city differs (combineReadings): skip building it otherwise.
  if (byRules.kind === "address" && cityFromTags(line) === byRules.city) return byRules;
  return combineReadings(byRules, streetAddressFromTags(line));
}

/**
 * The rules' reading and the tagger's, combined the way that measured best on
 * the development half (5-fold: each fold tagged by a model trained without
 * it; scripts/fixtures/train-address-tagger.ts --cv 5): the rules' reading,
 * except where the two agree on the number, the street's name and
 * directionals, state and ZIP and differ on the city — where the street ends
 * and the city begins, with a unit or type word in between — there the
 * tagger's; and the tagger's when the rules found no street address.
 */
export function combineReadings(byRules: ParsedAddress, tagged: TaggedStreetAddress | null): ParsedAddress {
  if (!tagged) return byRules;
  if (byRules.kind === "unparsed") return { kind: "address", ...tagged };
  if (byRules.kind !== "address") return byRules;
  const agrees =
    byRules.number === tagged.number &&
    byRules.numberPrefix === tagged.numberPrefix &&
    byRules.numberSuffix === tagged.numberSuffix &&
    byRules.street.preDir === tagged.street.preDir &&
    byRules.street.name === tagged.street.name &&
    byRules.street.postDir === tagged.street.postDir &&
    byRules.state === tagged.state &&
    byRules.zip === tagged.zip;
  return agrees && byRules.city !== tagged.city ? { kind: "address", ...tagged } : byRules;
}
