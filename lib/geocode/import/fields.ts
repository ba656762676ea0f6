/**
 * Column names the importer understands: the NENA NG9-1-1 GIS data model and
 * OpenAddresses CSV, case-insensitive; anything else through `--map field=column`.
 */
export type Layer = "address_points" | "centerlines";

export const POINT_FIELDS = {
  addNumber: ["Add_Number", "NUMBER", "AddNum"],
  addNumSuf: ["AddNum_Suf"],
  stPreDir: ["St_PreDir", "PREDIRABRV"],
  stPreTyp: ["St_PreTyp", "PRETYPABRV"],
  stName: ["St_Name"],
  stPosTyp: ["St_PosTyp", "SUFTYPABRV"],
  stPosDir: ["St_PosDir", "SUFDIRABRV"],
  /** A whole street ("W ROOSEVELT RD") to split, as OpenAddresses gives it. */
  street: ["STREET", "FullName", "Full_Name"],
  unit: ["Unit", "UNIT"],
  city: ["Post_Comm", "Inc_Muni", "CITY", "DISTRICT"],
  state: ["State", "REGION"],
  zip: ["Post_Code", "POSTCODE", "ZIP"],
  lon: ["LON", "Long", "Longitude", "X"],
  lat: ["LAT", "Latitude", "Y"],
} as const;

export const CENTERLINE_FIELDS = {
  stPreDir: ["St_PreDir", "PREDIRABRV"],
  stPreTyp: ["St_PreTyp", "PRETYPABRV"],
  stName: ["St_Name"],
  stPosTyp: ["St_PosTyp", "SUFTYPABRV"],
  stPosDir: ["St_PosDir", "SUFDIRABRV"],
  street: ["FullName", "Full_Name", "STREET", "FULLNAME"],
  fromAddrL: ["FromAddr_L"],
  toAddrL: ["ToAddr_L"],
  fromAddrR: ["FromAddr_R"],
  toAddrR: ["ToAddr_R"],
  parityL: ["Parity_L"],
  parityR: ["Parity_R"],
  zipL: ["Post_Code_L", "PostCode_L", "Zip_L"],
  zipR: ["Post_Code_R", "PostCode_R", "Zip_R"],
  cityL: ["Post_Comm_L", "Inc_Muni_L", "City_L"],
  cityR: ["Post_Comm_R", "Inc_Muni_R", "City_R"],
  /**
   * One range per row with no side (Nominatim's TIGER extract: from;to;interpolation;
   * street;city;state;postcode;geometry as WKT). Loaded as the left range; its
   * interpolation odd/even/all becomes the parity; city and postcode apply to it.
   */
  from: ["from"],
  to: ["to"],
  interpolation: ["interpolation"],
  city: ["city"],
  zip: ["postcode"],
} as const;

export type PointField = keyof typeof POINT_FIELDS;
export type CenterlineField = keyof typeof CENTERLINE_FIELDS;

/**
 * For each field, the column of this file that holds it. `--map` keys may be
 * our field names (stName) or a NENA name (St_Name); its value is the file's column.
 */
export function resolveColumns<F extends string>(
  fields: Record<F, readonly string[]>,
  columns: string[],
  map: Record<string, string>,
): { columns: Partial<Record<F, string>>; unknownMapKeys: string[]; missingMapColumns: string[] } {
  const byLower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const resolved: Partial<Record<F, string>> = {};
  for (const field of Object.keys(fields) as F[]) {
    const alias = [field, ...fields[field]].find((a) => byLower.has(a.toLowerCase()));
    if (alias) resolved[field] = byLower.get(alias.toLowerCase());
  }
  const unknownMapKeys: string[] = [];
  const missingMapColumns: string[] = [];
  for (const [key, column] of Object.entries(map)) {
    const field = (Object.keys(fields) as F[]).find(
      (f) => f.toLowerCase() === key.toLowerCase() || fields[f].some((a) => a.toLowerCase() === key.toLowerCase()),
    );
    if (!field) {
      unknownMapKeys.push(key);
      continue;
    }
    const actual = byLower.get(column.toLowerCase());
    if (!actual) missingMapColumns.push(column);
    else resolved[field] = actual;
  }
  return { columns: resolved, unknownMapKeys, missingMapColumns };
}
