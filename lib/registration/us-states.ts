/**
 * US states and territories: the two-letter USPS code and the full name, so a
 * resident who types "Illinois" (or "illinois", "Ill.") gets IL instead of a
 * silent "Il". Pure; shared by the form and the server.
 */
export const US_STATE_NAMES = {
  AL: "Alabama", AK: "Alaska", AZ: "Arizona", AR: "Arkansas", CA: "California", CO: "Colorado", CT: "Connecticut",
  DE: "Delaware", DC: "District of Columbia", FL: "Florida", GA: "Georgia", HI: "Hawaii", ID: "Idaho", IL: "Illinois",
  IN: "Indiana", IA: "Iowa", KS: "Kansas", KY: "Kentucky", LA: "Louisiana", ME: "Maine", MD: "Maryland",
  MA: "Massachusetts", MI: "Michigan", MN: "Minnesota", MS: "Mississippi", MO: "Missouri", MT: "Montana",
  NE: "Nebraska", NV: "Nevada", NH: "New Hampshire", NJ: "New Jersey", NM: "New Mexico", NY: "New York",
  NC: "North Carolina", ND: "North Dakota", OH: "Ohio", OK: "Oklahoma", OR: "Oregon", PA: "Pennsylvania",
  RI: "Rhode Island", SC: "South Carolina", SD: "South Dakota", TN: "Tennessee", TX: "Texas", UT: "Utah",
  VT: "Vermont", VA: "Virginia", WA: "Washington", WV: "West Virginia", WI: "Wisconsin", WY: "Wyoming",
  PR: "Puerto Rico", GU: "Guam", VI: "U.S. Virgin Islands", AS: "American Samoa", MP: "Northern Mariana Islands",
} as const;

export type UsStateCode = keyof typeof US_STATE_NAMES;
export const US_STATES = Object.keys(US_STATE_NAMES) as [UsStateCode, ...UsStateCode[]];

const fold = (v: string) =>
  v
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, " ")
    .trim();

/** Names as residents write them, folded: "illinois", "district of columbia", "puerto rico"… plus a few common spellings. */
const BY_NAME = new Map<string, UsStateCode>([
  ...Object.entries(US_STATE_NAMES).map(([code, name]) => [fold(name), code as UsStateCode] as const),
  ["ill", "IL"],
  ["washington dc", "DC"],
  ["d c", "DC"],
  ["virgin islands", "VI"],
  ["us virgin islands", "VI"],
]);

/** "IL", "il", "Illinois", " ILLINOIS " → "IL"; anything else → null (refused with a message). */
export function toStateCode(input: string): UsStateCode | null {
  const trimmed = input.trim();
  const upper = trimmed.toUpperCase();
  if (upper in US_STATE_NAMES) return upper as UsStateCode;
  return BY_NAME.get(fold(trimmed)) ?? null;
}
