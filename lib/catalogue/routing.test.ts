// Syncing one provider, the other, or both: every bundle carries its provider, and a plan both sell is
// listed once (the better margin) with the other kept as its fallback. Against the sandbox's catalogues.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { startTestSandbox, type TestSandbox } from "@/test/sandbox";
import { createTestDatabase, testDbKinds } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db";
import { bundles } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { selectRows } from "@/lib/db/sql";
import { equivalenceKey, routeEquivalents } from "./equivalents";
import { syncCatalogue } from "./sync";

const quiet = { info: () => {}, warn: () => {} };

describe("routeEquivalents", () => {
  const plan = (name: string, provider: string, wholesaleMinor: number, priceMinor: number) => ({
    name,
    provider,
    countries: ["FR"],
    dataMb: 1000,
    unlimited: false,
    durationDays: 7,
    wholesaleMinor,
    priceMinor,
    currency: "USD",
    active: true,
  });

  it("lists the better margin, shadows the other provider's row and names it as the fallback", () => {
    const { rows, shadowed } = routeEquivalents([
      plan("esim_1GB_7D_FR_V2", "esim-go", 150, 399),
      plan("ESIM-FR-1GB-7D", "zendit", 120, 399),
      { ...plan("esim_1GB_7D_DE_V2", "esim-go", 150, 399), countries: ["DE"] },
    ]);
    expect(shadowed).toBe(1);
    expect(rows.find((r) => r.provider === "zendit")).toMatchObject({
      active: true,
      fallbackBundle: "esim_1GB_7D_FR_V2",
    });
    expect(rows[0]).toMatchObject({ active: false, fallbackBundle: null });
    // A plan only one provider sells is left alone.
    expect(rows[2]).toMatchObject({ active: true, fallbackBundle: null });
  });

  it("never shadows a provider's own rows, and an admin-inactive row does not win", () => {
    const { rows, shadowed } = routeEquivalents([
      plan("a", "esim-go", 100, 399),
      plan("b", "esim-go", 110, 399),
      { ...plan("z", "zendit", 50, 399), active: false },
    ]);
    expect(shadowed).toBe(0);
    expect(rows.map((r) => r.active)).toEqual([true, true, false]);
    expect((rows[0] as { fallbackBundle?: string | null }).fallbackBundle).toBeNull();
  });

  it("keys on coverage, data and days, not on the order of countries", () => {
    const k = (countries: string[], dataMb: number | null, unlimited = false) =>
      equivalenceKey({ countries, dataMb, unlimited, durationDays: 7, currency: "usd" });
    expect(k(["FR", "DE"], 1000)).toBe(k(["de", "FR"], 1000));
    expect(k(["FR"], 1000)).not.toBe(k(["FR"], 2000));
    expect(k(["FR"], null, true)).not.toBe(k(["FR"], 1000));
  });
});

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => sandbox?.close());
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

function enable(list: string) {
  vi.stubEnv("ESIM_PROVIDERS", list);
  resetEnvCache();
}

describe.each(testDbKinds())("multi-provider catalogue sync on %s", (kind) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(async () => handle?.close());

  const count = async (where = sql`true`) =>
    (
      await handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(bundles)
        .where(where)
    )[0]!.n;

  it("ESIM_PROVIDERS=zendit, esim-go, then both: counts per provider, one listing per plan, switch-off keeps rows", async () => {
    await handle.db.delete(bundles);
    enable("zendit");
    const zendit = await syncCatalogue({ db: handle.db, log: quiet });
    expect(Object.keys(zendit.providers)).toEqual(["zendit"]);
    expect(zendit.providers.zendit!.upserted).toBeGreaterThan(1000);
    expect(await count(sql`provider = 'zendit' and active`)).toBe(zendit.providers.zendit!.upserted);
    expect(await count(sql`provider <> 'zendit'`)).toBe(0);

    enable("esim-go");
    const esimGo = await syncCatalogue({ db: handle.db, log: quiet, maxDeactivateRatio: 1 });
    expect(Object.keys(esimGo.providers)).toEqual(["esim-go"]);
    // Switched off: every Zendit bundle stays (orders point at them) but none is sold.
    expect(await count(sql`provider = 'zendit'`)).toBe(zendit.providers.zendit!.upserted);
    expect(await count(sql`provider = 'zendit' and active`)).toBe(0);
    expect(await count(sql`provider = 'esim-go' and active`)).toBe(esimGo.providers["esim-go"]!.upserted);

    enable("esim-go,zendit");
    const both = await syncCatalogue({ db: handle.db, log: quiet, maxDeactivateRatio: 1 });
    const go = both.providers["esim-go"]!;
    const zd = both.providers.zendit!;
    expect(go.upserted).toBe(esimGo.providers["esim-go"]!.upserted);
    expect(zd.upserted).toBe(zendit.providers.zendit!.upserted);
    // Zendit is dearer in some places and cheaper in others: each provider wins some plans.
    expect(both.shadowed).toBeGreaterThan(0);
    expect(go.listed).toBeLessThan(go.upserted);
    expect(zd.listed).toBeLessThan(zd.upserted);
    expect(await count(sql`active`)).toBe(go.listed + zd.listed);

    // Every plan both sell is listed once, by the better margin, naming the other provider's row.
    const found = await selectRows<{
      listed_margin: number;
      listed_provider: string;
      fallback_margin: number;
      fallback_provider: string;
      fallback_active: boolean;
    }>(
      handle.db,
      sql`
      select l.price_minor - l.wholesale_minor as listed_margin, l.provider as listed_provider,
             f.price_minor - f.wholesale_minor as fallback_margin, f.provider as fallback_provider,
             f.active as fallback_active
      from bundles l join bundles f on f.name = l.fallback_bundle where l.active`,
    );
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) {
      expect(p.fallback_provider).not.toBe(p.listed_provider);
      expect(p.fallback_active).toBe(false);
      expect(Number(p.listed_margin)).toBeGreaterThanOrEqual(Number(p.fallback_margin));
    }
    // No equivalence key is listed by two providers at once.
    const doubled = await selectRows(
      handle.db,
      sql`select equivalence_key from bundles where active group by equivalence_key having count(distinct provider) > 1`,
    );
    expect(doubled).toEqual([]);

    // Switching Zendit off again brings back the eSIM Go bundles it had shadowed, with no fallback left.
    enable("esim-go");
    await syncCatalogue({ db: handle.db, log: quiet, maxDeactivateRatio: 1 });
    expect(await count(sql`provider = 'esim-go' and active`)).toBe(go.upserted);
    expect(await count(sql`active and fallback_bundle is not null`)).toBe(0);
    const [one] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(bundles)
      .where(and(eq(bundles.provider, "zendit"), eq(bundles.active, true)));
    expect(one!.n).toBe(0);
  });
});
