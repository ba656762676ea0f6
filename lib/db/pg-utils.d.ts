/** node-postgres's parameter encoding (pg/lib/utils.js, exported by the package's "./lib/*" subpath; no types shipped). */
declare module "pg/lib/utils.js" {
  /** A value as node-postgres sends it: null, a Buffer, or text (Dates, arrays and objects encoded as its Query does). */
  export function prepareValue(value: unknown): Buffer | string | null;
}
