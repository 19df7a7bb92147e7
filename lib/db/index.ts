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

/** postgres-js reads `max_pipeline` (queries sent ahead on one connection) but its types leave it out. */
const noPipelining = { max_pipeline: 0 };

export async function openDatabase(
  options: { url?: string; directUrl?: string; dataDir?: string | null; migrate?: boolean } = {},
): Promise<DbHandle> {
  let handle: DbHandle;
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    if (options.migrate !== false)
      await migratePostgres(options.directUrl ?? options.url, !!options.directUrl && options.directUrl !== options.url);
    // prepare:false keeps us safe behind transaction-mode poolers (Supabase's pgbouncer/Supavisor). The
    // reconnect backoff is shared by the pool and grows with every failed connect (up to 20 s by default):
    // after a restart or failover the shop would sit idle long after the database is back, so cap it at 2 s.
    const client = postgres(options.url, {
      prepare: false,
      // One statement in flight per connection. A transaction-mode pooler hands the server connection back
      // at the first idle ReadyForQuery; a query pipelined behind it is then answered to nobody, and its
      // caller waits forever (PgBouncer: "got packet from server when not linked"; the pool wedged).
      ...noPipelining,
      max: 10,
      onnotice: () => {},
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 2),
    });
    const db = drizzle(client, { schema });
    handle = { db: db as unknown as Db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
    const release = options.dataDir ? lockDataDir(options.dataDir) : () => {};
    let client: InstanceType<typeof PGlite>;
    try {
      client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
    } catch (err) {
      release();
      throw err;
    }
    const db = drizzle(client, { schema });
    handle = {
      db: db as unknown as Db,
      kind: "pglite",
      close: () => client.close().finally(release),
    };
    if (options.migrate !== false) {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(db, { migrationsFolder: MIGRATIONS });
    }
  }
  return handle;
}

/**
 * Migrations on their own connection. A session advisory lock makes instances that start together migrate
 * in turn, taken only on a direct connection: through a pooler it could stay held on a pooled one.
 */
async function migratePostgres(url: string, direct: boolean): Promise<void> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, { prepare: false, max: 1, onnotice: () => {} });
  try {
    if (direct) await client`select pg_advisory_lock(hashtext('tern:migrate'))`;
    await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS });
  } finally {
    // Closing the session releases the lock.
    await client.end({ timeout: 5 });
  }
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is already open in process ${pid}. PGlite serves one process only: ` +
        `stop that process, give this one its own DATA_DIR, or set DATABASE_URL to a PostgreSQL server to run ` +
        `several instances.`,
    );
    this.name = "DataDirLockedError";
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite does not notice a second process opening its directory, and two writers corrupt it. A lock file
 * created exclusively (O_EXCL) holds our pid; a lock left by a dead process is taken over. Released on close
 * and at exit.
 */
function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, "tern.lock");
  for (let tries = 0; tries < 3; tries++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.on("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(fs.readFileSync(file, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && processAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      // Stale: its process died without releasing it (SIGKILL). Take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

// One instance per process: a globalThis slot survives Next's hot reloads, which would otherwise open the
// same PGlite directory twice (unsafe) or leak postgres pools.
const slot = globalThis as unknown as { __ternDb?: Promise<DbHandle> };

/** The process's database, opened and migrated on first use. */
export function getDbHandle(): Promise<DbHandle> {
  slot.__ternDb ??= (() => {
    const e = env();
    return openDatabase({
      url: e.databaseUrl,
      directUrl: e.databaseDirectUrl,
      dataDir: path.join(e.dataDir, "pglite"),
    }).catch((err: unknown) => {
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
