/**
 * The two database roles of a server deployment:
 * - the owner runs migrations (`npm run db:migrate`) and owns every table,
 *   trigger and function;
 * - the runtime role the app connects as (`npm run db:grant -- --role NAME`)
 *   reads and writes the data but may only SELECT and INSERT on the
 *   append-only tables, owns nothing and cannot create or replace functions.
 * An owner (or superuser) can always switch the append-only triggers off
 * (`ALTER TABLE … DISABLE TRIGGER`, `SET session_replication_role = replica`,
 * `CREATE OR REPLACE FUNCTION`), so only a role that is neither can be trusted
 * not to rewrite the audit trail.
 *
 * PGlite (the embedded database) has one user, which owns everything: there the
 * append-only triggers are the protection, against the app's own statements.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { escapeIdentifier, escapeLiteral } from "pg";
import { migrationsFolder } from "./migrate";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Pick<NodePgDatabase<any>, "execute">;

/** Tables whose rows are history: the runtime role may read and add, never change or remove. */
export const APPEND_ONLY_TABLES = ["audit_log", "evidence_custody"] as const;

/** Trigger functions that enforce the append-only rule, and that date each entry (replacing one would disable it). */
const APPEND_ONLY_FUNCTIONS = ["audit_log_refuse_change", "evidence_custody_refuse_change", "append_only_entry_time"] as const;

export const ROLE_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

async function rows<T>(db: AnyDb, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}

/**
 * Whether the connecting role may run migrations: it owns (or is a member of
 * the owner of) the schema's tables, or, on a database without them yet, may
 * create in `public`. A superuser counts as every owner.
 */
export async function connectedRoleOwnsSchema(db: AnyDb): Promise<boolean> {
  const [row] = await rows<{ owns: boolean }>(
    db,
    sql`select case
          when to_regclass('public.audit_log') is null then has_schema_privilege('public', 'CREATE')
          else pg_has_role(current_user, (select relowner from pg_class where oid = to_regclass('public.audit_log')), 'USAGE')
        end as owns`,
  );
  return Boolean(row?.owns);
}

/**
 * The ways the connecting role could rewrite the append-only tables, in words
 * (empty: it cannot). Checked at start so an app connected as the owner says so.
 */
export async function appendOnlyWeaknesses(db: AnyDb): Promise<string[]> {
  const reasons: string[] = [];
  const [me] = await rows<{ name: string; superuser: boolean }>(
    db,
    sql`select current_user as name, rolsuper as superuser from pg_roles where rolname = current_user`,
  );
  if (me?.superuser) return [`role ${me.name} is a superuser`];
  for (const table of APPEND_ONLY_TABLES) {
    const [t] = await rows<{ present: boolean; owns: boolean; changes: boolean }>(
      db,
      sql`select to_regclass(${`public.${table}`}) is not null as present,
            coalesce(pg_has_role(current_user, (select relowner from pg_class where oid = to_regclass(${`public.${table}`})), 'USAGE'), false) as owns,
            coalesce(has_table_privilege(to_regclass(${`public.${table}`}), 'UPDATE, DELETE, TRUNCATE, TRIGGER'), false) as changes`,
    );
    if (!t?.present) continue;
    if (t.owns) reasons.push(`role ${me?.name} owns ${table} (it can disable its triggers)`);
    else if (t.changes) reasons.push(`role ${me?.name} may UPDATE, DELETE, TRUNCATE or add triggers on ${table}`);
  }
  for (const fn of APPEND_ONLY_FUNCTIONS) {
    const [f] = await rows<{ owns: boolean }>(
      db,
      sql`select coalesce(bool_or(pg_has_role(current_user, proowner, 'USAGE')), false) as owns
            from pg_proc where proname = ${fn} and pronamespace = 'public'::regnamespace`,
    );
    if (f?.owns) reasons.push(`role ${me?.name} owns ${fn}() (it can replace it)`);
  }
  return reasons;
}

export class MigrationsPendingError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `the database is missing ${pending.length} migration(s) (${pending.join(", ")}) and this role does not own the schema: ` +
        "run `npm run db:migrate` as the owner role, then `npm run db:grant -- --role NAME`",
    );
    this.name = "MigrationsPendingError";
  }
}

/** The tags of the migrations in drizzle/ that the database has not applied (the same test as drizzle's migrator). */
export async function pendingMigrations(db: AnyDb): Promise<string[]> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  const files = readMigrationFiles({ migrationsFolder });
  const [last] = await rows<{ created_at: string | null }>(
    db,
    sql`select case when to_regclass('drizzle.__drizzle_migrations') is null then null
                    else (select max(created_at)::text from drizzle.__drizzle_migrations) end as created_at`,
  );
  const lastApplied = last?.created_at == null ? -1 : Number(last.created_at);
  return files
    .filter((m) => m.folderMillis > lastApplied)
    .map((m) => journal.entries.find((e) => e.when === m.folderMillis)?.tag ?? String(m.folderMillis));
}

/**
 * Create (if missing) and grant the runtime role exactly what the app needs, as
 * the owner. Idempotent: run it again after every `db:migrate`, since tables a
 * migration adds are not granted until then.
 */
export async function grantRuntimeRole(db: AnyDb, role: string, password?: string): Promise<{ created: boolean }> {
  if (!ROLE_NAME_PATTERN.test(role)) throw new Error(`--role must be a lower-case PostgreSQL name (letters, digits, _), got "${role}"`);
  if (!(await connectedRoleOwnsSchema(db))) throw new Error("db:grant must run as the role that owns the schema (the one that ran db:migrate)");
  const id = sql.raw(escapeIdentifier(role));
  const [existing] = await rows<{ superuser: boolean; owner: boolean }>(
    db,
    sql`select rolsuper as superuser,
          exists(select 1 from pg_class where relowner = r.oid and relnamespace = 'public'::regnamespace) as owner
        from pg_roles r where rolname = ${role}`,
  );
  if (existing?.superuser) throw new Error(`role ${role} is a superuser: the runtime role must be an ordinary role`);
  if (existing?.owner) throw new Error(`role ${role} owns tables in this database: the runtime role must own nothing`);
  const [me] = await rows<{ name: string; database: string }>(db, sql`select current_user as name, current_database() as database`);
  if (me?.name === role) throw new Error("the runtime role must not be the role running db:grant (the owner)");
  const login = password ? sql`LOGIN PASSWORD ${sql.raw(escapeLiteral(password))}` : sql`LOGIN`;
  if (!existing) await db.execute(sql`CREATE ROLE ${id} ${login} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`);
  else if (password) await db.execute(sql`ALTER ROLE ${id} ${login}`);

  await db.execute(sql`GRANT CONNECT ON DATABASE ${sql.raw(escapeIdentifier(me!.database))} TO ${id}`);
  // Nothing may be created in public by anyone but the owner (PostgreSQL 15's default, made explicit for older servers).
  await db.execute(sql`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
  await db.execute(sql`REVOKE CREATE ON SCHEMA public FROM ${id}`);
  await db.execute(sql`GRANT USAGE ON SCHEMA public TO ${id}`);
  const tables = await rows<{ name: string }>(
    db,
    sql`select tablename as name from pg_tables where schemaname = 'public' and pg_has_role(current_user, tableowner, 'USAGE') order by 1`,
  );
  for (const { name } of tables) {
    const table = sql.raw(`public.${escapeIdentifier(name)}`);
    await db.execute(sql`REVOKE ALL ON ${table} FROM ${id}`);
    if ((APPEND_ONLY_TABLES as readonly string[]).includes(name)) await db.execute(sql`GRANT SELECT, INSERT ON ${table} TO ${id}`);
    else await db.execute(sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${id}`);
  }
  const sequences = await rows<{ name: string }>(
    db,
    sql`select sequencename as name from pg_sequences where schemaname = 'public' and pg_has_role(current_user, sequenceowner, 'USAGE')`,
  );
  for (const { name } of sequences) await db.execute(sql`GRANT USAGE, SELECT ON SEQUENCE ${sql.raw(`public.${escapeIdentifier(name)}`)} TO ${id}`);
  // The start-up check reads which migrations were applied.
  const [journal] = await rows<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (journal?.present) {
    await db.execute(sql`GRANT USAGE ON SCHEMA drizzle TO ${id}`);
    await db.execute(sql`GRANT SELECT ON drizzle.__drizzle_migrations TO ${id}`);
  }
  return { created: !existing };
}

