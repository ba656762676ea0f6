import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "../../db/client";
import { SERVER_TEMPLATE_DB, TEMPLATE_DIR, serverUrlFor } from "./test-database";

/** Prepare the migrated template that every test file copies (see test-database.ts). */
export default async function setup() {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${SERVER_TEMPLATE_DB} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${SERVER_TEMPLATE_DB}`);
    } finally {
      await admin.end();
    }
    const handle = await openDatabase({ databaseUrl: serverUrlFor(baseUrl, SERVER_TEMPLATE_DB) });
    await handle.close();
    return;
  }
  // Rebuilt only when the migrations change: unpacking PostGIS and migrating takes ~15 s.
  const fingerprint = migrationsFingerprint();
  const stamp = path.join(TEMPLATE_DIR, "migrations.sha256");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === fingerprint) return;
  fs.rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  const handle = await openDatabase({ dataDir: TEMPLATE_DIR });
  await handle.close();
  fs.writeFileSync(stamp, fingerprint);
}

function migrationsFingerprint(): string {
  const dir = path.resolve(__dirname, "../../drizzle");
  const hash = crypto.createHash("sha256");
  for (const file of fs.readdirSync(dir, { recursive: true }).map(String).sort()) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  hash.update(JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../node_modules/@electric-sql/pglite/package.json"), "utf8")).version);
  return hash.digest("hex");
}
