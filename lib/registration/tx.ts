import type { Db } from "@/db/client";

/** The transaction handle drizzle passes to `db.transaction(...)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
