// Connections the server closes under us (a restart, a failover, pg_terminate_backend, a pooler) must fail the
// work they carried and leave the pool whole: the next queries get fresh connections and answer. postgres-js
// 3.4.9 left such a connection broken for good (its later writes were never sent, so queries hung), which
// scripts/lib/patch-postgres.mjs mends at install; this proves the mended client and our migration lock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { createServerTestDatabase, serverUrl } from "./testing";
import { openDatabase, type DbHandle } from "./index";

const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: hung ${ms} ms`)), ms))]);

describe.skipIf(!serverUrl())("connections closed by the server", () => {
  let database: { url: string; drop: () => Promise<void> };
  let handle: DbHandle;
  let killer: postgres.Sql;
  beforeAll(async () => {
    database = await createServerTestDatabase();
    handle = await openDatabase({ url: database.url });
    killer = postgres(database.url, { max: 1, onnotice: () => {}, connection: { application_name: "killer" } });
  });
  afterAll(async () => {
    await handle?.close();
    await killer?.end({ timeout: 1 });
    await database?.drop();
  });

  const killAll = () =>
    killer`select pg_terminate_backend(pid) from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and application_name <> 'killer'`;

  it("fails a transaction whose backend is terminated, and the pool answers afterwards", async () => {
    for (let round = 0; round < 5; round++) {
      const outcomes = await within(
        Promise.allSettled(
          Array.from({ length: 12 }, (_, i) =>
            handle.db.transaction(async (tx) => {
              await tx.execute(sql`select 1`);
              if (i === 0) await killAll();
              await tx.execute(sql`select pg_sleep(0.05)`);
              await tx.execute(sql`select 2`);
            }),
          ),
        ),
        20_000,
        "transactions on terminated connections",
      );
      expect(outcomes.some((o) => o.status === "rejected")).toBe(true);
      // An idle connection killed meanwhile may fail the first query sent on it (the server's FATAL arrives as
      // it is sent), but nothing may hang, and once each has failed once the whole pool answers.
      await within(
        Promise.allSettled(Array.from({ length: 30 }, () => handle.db.execute(sql`select 1 as one`))),
        15_000,
        "first reads after the kill",
      );
      const reads = await within(
        Promise.all(Array.from({ length: 30 }, () => handle.db.execute(sql`select 1 as one`))),
        10_000,
        "reads after the kill",
      );
      expect(reads).toHaveLength(30);
    }
  });

  it("lets instances that start together migrate one after the other on a direct URL", async () => {
    const fresh = await createServerTestDatabase();
    try {
      const opened = await Promise.all(
        Array.from({ length: 3 }, () => openDatabase({ url: fresh.url, directUrl: `${fresh.url}?application_name=m` })),
      );
      for (const h of opened) await h.close();
    } finally {
      await fresh.drop();
    }
  });
});
