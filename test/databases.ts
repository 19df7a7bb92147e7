// The process's own database for a test, chosen the way production chooses it — by configuration
// (DATABASE_URL, or PGlite under DATA_DIR) — so code that calls getDb() needs no test hook.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDatabase, getDbHandle, type DbHandle } from "@/lib/db";
import { createServerTestDatabase, serverUrl, type TestDbKind } from "@/lib/db/testing";
import { resetEnvCache } from "@/lib/env";

// Read once: switching to PGlite below clears DATABASE_URL, which may be where the server was named.
const SERVER = serverUrl();

export async function openProcessTestDatabase(kind: TestDbKind): Promise<DbHandle> {
  await closeDatabase();
  let cleanup: () => Promise<void>;
  if (kind === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tern-db-"));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const { url, drop } = await createServerTestDatabase(SERVER);
    process.env.DATABASE_URL = url;
    cleanup = drop;
  }
  resetEnvCache();
  const handle = await getDbHandle();
  return {
    ...handle,
    close: async () => {
      await closeDatabase();
      await cleanup();
    },
  };
}
