// The database: file-backed PGlite under DATA_DIR when DATABASE_URL is unset (one instance per process),
// postgres-js otherwise. Migrations run once per process before the first query.
import path from "node:path";
import fs from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; same query API as Db. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
}

const MIGRATIONS = path.join(process.cwd(), "drizzle");

export async function openDatabase(
  options: { url?: string; dataDir?: string | null; migrate?: boolean } = {},
): Promise<DbHandle> {
  let handle: DbHandle;
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    // prepare:false keeps us safe behind transaction-mode poolers (Supabase's pgbouncer/Supavisor).
    const client = postgres(options.url, { prepare: false, max: 10, onnotice: () => {} });
    const db = drizzle(client, { schema });
    handle = { db: db as unknown as Db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
    if (options.migrate !== false) {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      await migrate(db, { migrationsFolder: MIGRATIONS });
    }
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
    const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
    const db = drizzle(client, { schema });
    handle = { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
    if (options.migrate !== false) {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(db, { migrationsFolder: MIGRATIONS });
    }
  }
  return handle;
}

// One instance per process: a globalThis slot survives Next's hot reloads, which would otherwise open the
// same PGlite directory twice (unsafe) or leak postgres pools.
const slot = globalThis as unknown as { __ternDb?: Promise<DbHandle> };

/** The process's database, opened and migrated on first use. */
export function getDbHandle(): Promise<DbHandle> {
  slot.__ternDb ??= (() => {
    const e = env();
    return openDatabase({ url: e.databaseUrl, dataDir: path.join(e.dataDir, "pglite") }).catch((err: unknown) => {
      slot.__ternDb = undefined;
      throw err;
    });
  })();
  return slot.__ternDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Closes the process's database (shutdown, or a test switching databases); the next getDb() opens it again. */
export async function closeDatabase(): Promise<void> {
  const current = slot.__ternDb;
  slot.__ternDb = undefined;
  const handle = await current?.catch(() => null);
  await handle?.close();
}

export { schema };
