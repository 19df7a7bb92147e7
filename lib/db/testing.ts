// Test databases: every database-facing suite runs against in-memory PGlite and, when TEST_DATABASE_URL
// (or DATABASE_URL) points at a server, against a throwaway database created on that server.
import { randomBytes } from "node:crypto";
import { openDatabase, type DbHandle } from "./index";

export type TestDbKind = "pglite" | "postgres";

export function serverUrl(): string | undefined {
  // Tests choose their database before lib/env is involved.
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/** The kinds of database this run can test against: always PGlite, plus PostgreSQL when configured. */
export function testDbKinds(): TestDbKind[] {
  return serverUrl() ? ["pglite", "postgres"] : ["pglite"];
}

/** A new, empty database on the server at `base` (not migrated), and how to drop it. */
export async function createServerTestDatabase(
  base = serverUrl(),
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!base) throw new Error("No PostgreSQL configured: set TEST_DATABASE_URL");
  const name = `tern_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const { default: postgres } = await import("postgres");
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** A fresh, migrated database. For PostgreSQL a new database is created and dropped on close. */
export async function createTestDatabase(kind: TestDbKind): Promise<DbHandle> {
  if (kind === "pglite") return openDatabase({ dataDir: null });
  const { url, drop } = await createServerTestDatabase();
  const handle = await openDatabase({ url });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}
