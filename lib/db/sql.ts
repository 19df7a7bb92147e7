// Small SQL helpers shared by every domain.
import type { SQL } from "drizzle-orm";
import type { Db, Tx } from "./index";

/** Rows of a raw query: postgres-js answers with an array, PGlite with `{ rows }`; callers get an array. */
export async function selectRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A unique index refused the write (postgres-js puts the code on the error, drizzle on its cause). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}
