import path from "node:path";
import fs from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
}

const MIGRATIONS = path.join(process.cwd(), "drizzle");

/** postgres-js reads `max_pipeline` but its types leave it out. */
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
    // PgBouncer in transaction mode: no prepared statements, no pipelining (a pipelined query is answered to nobody).
    const client = postgres(options.url, {
      prepare: false,
      ...noPipelining,
      max: 10,
      onnotice: () => {},
      // The default grows to 20 s, leaving the shop idle long after a failover.
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

// Instances starting together migrate in turn; not through a pooler, which could keep the lock held.
async function migratePostgres(url: string, direct: boolean): Promise<void> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(url, { prepare: false, max: 1, onnotice: () => {} });
  try {
    if (direct) await client`select pg_advisory_lock(hashtext('tern:migrate'))`;
    await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS });
  } finally {
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

// PGlite does not notice a second process opening its directory, and two writers corrupt it.
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
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

// Survives Next's hot reloads, which would otherwise open the PGlite directory twice or leak postgres pools.
const slot = globalThis as unknown as { __ternDb?: Promise<DbHandle> };

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

export async function closeDatabase(): Promise<void> {
  const current = slot.__ternDb;
  slot.__ternDb = undefined;
  const handle = await current?.catch(() => null);
  await handle?.close();
}

export { schema };
