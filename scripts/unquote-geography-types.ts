/**
 * drizzle-kit quotes custom column types it does not know ("geography(Point,4326)"),
 * which PostgreSQL then reads as a type name that does not exist. It already
 * special-cases `geometry`, not `geography`. Run after every `drizzle-kit generate`
 * (npm run db:generate does) to unquote them in the generated SQL.
 */
import fs from "node:fs";
import path from "node:path";

const dir = path.resolve(process.cwd(), "drizzle");
const quoted = /"(geography\((?:Point|LineString|Polygon|MultiPolygon),4326\))"/g;
let changed = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".sql"))) {
  const full = path.join(dir, file);
  const sql = fs.readFileSync(full, "utf8");
  const fixed = sql.replace(quoted, "$1");
  if (fixed !== sql) {
    fs.writeFileSync(full, fixed);
    changed++;
  }
}
console.log(`unquote-geography-types: ${changed} migration file(s) fixed`);
