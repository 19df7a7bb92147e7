// Scopes mean what they say: starting a top-up is `topups:write`, not `ledger:read`; keys made before the scope
// existed keep what they could do (a data migration grants it to every key that had ledger:read).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/lib/db";
import { apiKeys, API_SCOPES } from "@/lib/db/schema";
import { useHarness } from "@/test/harness";
import { createApiKey } from "./keys";
import { openApiDocument } from "./openapi";
import { apiRequest, testPartner, TEST_ACTOR } from "@/test/partners";
import { createPartner } from "./accounts";

vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  after: () => {},
}));

describe("POST /api/v1/topups", () => {
  const h = useHarness("pglite", { reset: false });

  it("needs topups:write: ledger:read (or every other scope) is not enough", async () => {
    const { POST } = await import("@/app/api/v1/topups/route");
    const { partner } = await testPartner(h.db);
    const call = (secret: string) =>
      POST(apiRequest("/topups", { method: "POST", secret, body: { amountMinor: 5000 } }));
    const readOnly = await createApiKey(h.db, partner.id, {
      name: "reader",
      scopes: API_SCOPES.filter((s) => s !== "topups:write"),
    });
    const refused = await call(readOnly.secret);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("insufficient_scope");
    const writer = await createApiKey(h.db, partner.id, { name: "writer", scopes: ["topups:write"] });
    const allowed = await call(writer.secret);
    expect(allowed.status).toBe(201);
    expect(await allowed.json()).toMatchObject({ amount: { amountMinor: 5000, currency: "USD" } });
  });

  it("is documented with its scope", () => {
    const doc = openApiDocument("https://shop.example/api/v1") as unknown as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(doc.paths["/topups"]!.post!["x-scope"]).toBe("topups:write");
    expect(doc.paths["/ledger"]!.get!["x-scope"]).toBe("ledger:read");
  });
});

describe("keys made before topups:write", () => {
  it("get it if they could read the ledger (and so top up), and nothing else changes", async () => {
    const folder = path.resolve("drizzle");
    const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as {
      entries: { tag: string }[];
    };
    const at = journal.entries.findIndex((e) => e.tag.endsWith("_grant_topups_write"));
    expect(at).toBeGreaterThan(0);
    // The migrations as they stood before this one, then all of them: the upgrade an existing shop makes.
    const before = fs.mkdtempSync(path.join(os.tmpdir(), "tern-migrations-"));
    fs.cpSync(folder, before, { recursive: true });
    fs.writeFileSync(
      path.join(before, "meta/_journal.json"),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }),
    );
    const handle = await openDatabase({ dataDir: null, migrate: false });
    try {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(handle.db as never, { migrationsFolder: before });
      const partner = await createPartner(handle.db, TEST_ACTOR, {
        name: "Old agency",
        email: "old@agency.test",
        currency: "USD",
      });
      const row = (id: string, scopes: string[]) => ({
        id,
        partnerId: partner.id,
        name: id,
        prefix: id,
        hash: `hash-${id}`,
        scopes: scopes as never,
      });
      await handle.db
        .insert(apiKeys)
        .values([
          row("key_ledger", ["catalogue:read", "ledger:read"]),
          row("key_orders", ["orders:read", "orders:write"]),
        ]);
      await migrate(handle.db as never, { migrationsFolder: folder });
      const scopes = async (id: string) =>
        (await handle.db.select().from(apiKeys).where(eq(apiKeys.id, id)))[0]!.scopes;
      expect(await scopes("key_ledger")).toEqual(["catalogue:read", "ledger:read", "topups:write"]);
      expect(await scopes("key_orders")).toEqual(["orders:read", "orders:write"]);
    } finally {
      await handle.close();
      fs.rmSync(before, { recursive: true, force: true });
    }
  });
});
