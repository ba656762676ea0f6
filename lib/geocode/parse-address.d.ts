declare module "parse-address" {
  export interface ParsedLocation {
    number?: string;
    prefix?: string;
    street?: string;
    type?: string;
    suffix?: string;
    sec_unit_type?: string;
    sec_unit_num?: string;
    city?: string;
    state?: string;
    zip?: string;
    plus4?: string;
  }
  export interface ParsedIntersection {
    prefix1?: string;
    street1?: string;
    type1?: string;
    suffix1?: string;
    prefix2?: string;
    street2?: string;
    type2?: string;
    suffix2?: string;
    city?: string;
    state?: string;
    zip?: string;
  }
  export function parseLocation(address: string): ParsedLocation | null;
  export function parseIntersection(address: string): ParsedIntersection | null;
  const parser: { parseLocation: typeof parseLocation; parseIntersection: typeof parseIntersection };
  export default parser;
}
