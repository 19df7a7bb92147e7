// Raw SQL reads for what the query builder does not express well (unnest, aggregates over arrays).
import type { SQL } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db";

/** Rows of a raw query: postgres-js answers with an array, PGlite with `{ rows }`; callers get an array. */
export async function selectRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
