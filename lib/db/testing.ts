import { randomBytes } from "node:crypto";
import { openDatabase, type DbHandle } from "./index";

export type TestDbKind = "pglite" | "postgres";

export function serverUrl(): string | undefined {
  // Tests choose their database before lib/env is involved.
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export function testDbKinds(): TestDbKind[] {
  return serverUrl() ? ["pglite", "postgres"] : ["pglite"];
}

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
