import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { startTestSandbox, type TestSandbox } from "@/test/sandbox";
import { createTestDatabase, testDbKinds } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db";
import { bundles, type NewBundle } from "@/lib/db/schema";
import { ProviderError } from "@/lib/providers/http";
import { esimGoClient, type EsimGoBundle, type EsimGoClient } from "@/lib/providers/esim-go/client";
import { CurrencyMismatchError } from "./pricing";
import {
  CatalogueSyncError,
  ensureCatalogue,
  startCatalogueTimer,
  stopCatalogueTimer,
  SYNC_LOCK_ID,
  syncCatalogue,
  type SyncOptions,
} from "./sync";

type FakeClient = Pick<EsimGoClient, "cataloguePage" | "balance"> & { pageCalls: number };

/** A provider answering from memory, paged like eSIM Go. */
function fakeClient(list: EsimGoBundle[], options: { currency?: string; bareArray?: boolean } = {}): FakeClient {
  const client: FakeClient = {
    pageCalls: 0,
    async cataloguePage({ page, perPage }) {
      client.pageCalls++;
      const slice = list.slice((page - 1) * perPage, page * perPage);
      // A bare-array answer carries no page count; the client reports it as a single page.
      if (options.bareArray) return { bundles: slice, pageCount: 1, rows: slice.length, pageSize: slice.length };
      return { bundles: slice, pageCount: Math.ceil(list.length / perPage), rows: list.length, pageSize: perPage };
    },
    async balance() {
      return { balance: 100, currency: options.currency ?? "USD" };
    },
  };
  return client;
}

const providerBundle = (iso: string, gb: number, price = 2.5): EsimGoBundle => ({
  name: `esim_${gb}GB_7D_${iso}_V2`,
  description: `eSIM, ${gb}GB, 7 Days, ${iso}, V2`,
  countries: [{ iso, name: iso, region: "Europe" }],
  dataAmount: gb * 1000,
  duration: 7,
  speed: ["4G"],
  unlimited: false,
  price,
});

const row = (name: string, overrides: Partial<NewBundle> = {}): NewBundle => ({
  name,
  provider: "esim-go",
  description: name,
  scope: "country",
  countries: ["FR"],
  country: "FR",
  dataMb: 1000,
  durationDays: 7,
  wholesaleMinor: 100,
  wholesaleCurrency: "USD",
  priceMinor: 299,
  currency: "USD",
  ...overrides,
});

const quiet = { info: () => {}, warn: () => {} };
const fastRetry: SyncOptions["retry"] = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

let sandbox: TestSandbox;
let catalogueRows: number;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  catalogueRows = (await esimGoClient().cataloguePage({ page: 1, perPage: 1 })).rows;
});
afterAll(async () => sandbox?.close());
afterEach(async () => {
  await sandbox.control("DELETE", "/faults");
});

describe.each(testDbKinds())("catalogue sync on %s", (kind) => {
  // One database per kind (creating one is slow under load); each test starts from an empty bundles table.
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    await handle.db.delete(bundles);
  });

  const count = async (where = sql`true`) =>
    (
      await handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(bundles)
        .where(where)
    )[0]!.n;

  it("stores every bundle of every page once, through a 429 and a 503; a re-sync changes nothing", async () => {
    await sandbox.control("POST", "/faults", [
      { service: "esim-go", route: "GET /catalogue", status: 429, retryAfter: 0, times: 1 },
      { service: "esim-go", route: "GET /catalogue", status: 503, times: 1 },
    ]);
    const first = await syncCatalogue({ db: handle.db, providers: ["esim-go"], log: quiet, retry: fastRetry });
    expect(catalogueRows).toBeGreaterThanOrEqual(3000);
    expect(first).toMatchObject({
      fetched: catalogueRows,
      upserted: catalogueRows,
      deactivated: 0,
      reactivated: 0,
      invalid: 0,
      busy: false,
    });
    expect(first.pages).toBeGreaterThan(1);
    expect(await count()).toBe(catalogueRows);
    expect(await count(sql`active`)).toBe(catalogueRows);

    const [jp] = await handle.db.select().from(bundles).where(eq(bundles.name, "esim_1GB_7D_JP_V2"));
    expect(jp).toMatchObject({
      scope: "country",
      country: "JP",
      countries: ["JP"],
      dataMb: 1000,
      durationDays: 7,
      currency: "USD",
      wholesaleCurrency: "USD",
    });
    expect(jp!.priceMinor).toBeGreaterThanOrEqual(jp!.wholesaleMinor + 150);
    expect(jp!.priceMinor % 100).toBe(99);
    expect(await count(sql`scope = 'global' and region = 'global'`)).toBeGreaterThan(0);
    expect(await count(sql`scope = 'regional' and region = 'asia' and countries @> array['JP']`)).toBeGreaterThan(0);
    expect(await count(sql`unlimited and data_mb is null`)).toBeGreaterThan(0);

    const stamp = sql`max(updated_at)::text`;
    const [before] = await handle.db
      .select({ updated: stamp, synced: sql<string>`max(synced_at)::text` })
      .from(bundles);
    const again = await syncCatalogue({ db: handle.db, providers: ["esim-go"], log: quiet });
    expect(again).toMatchObject({ fetched: catalogueRows, upserted: catalogueRows, deactivated: 0, reactivated: 0 });
    const [after] = await handle.db.select({ updated: stamp, synced: sql<string>`max(synced_at)::text` }).from(bundles);
    expect(await count(sql`active`)).toBe(catalogueRows);
    // Nothing changed at the provider, so no row's updated_at moved; synced_at did.
    expect(after!.updated).toBe(before!.updated);
    expect(after!.synced > before!.synced).toBe(true);
  });

  it("deactivates a bundle the provider no longer lists, never deletes it, and reactivates one it lists again", async () => {
    const listed = [providerBundle("FR", 1), providerBundle("DE", 1)];
    await handle.db
      .insert(bundles)
      .values([row("esim_1GB_7D_GHOST_V2"), row(listed[0]!.name, { active: false, priceMinor: 1 })]);
    const result = await syncCatalogue({ db: handle.db, client: fakeClient(listed), log: quiet });
    expect(result).toMatchObject({ upserted: 2, deactivated: 1, reactivated: 1 });

    const [ghost] = await handle.db.select().from(bundles).where(eq(bundles.name, "esim_1GB_7D_GHOST_V2"));
    expect(ghost).toMatchObject({ active: false, priceMinor: 299 });
    const [back] = await handle.db.select().from(bundles).where(eq(bundles.name, listed[0]!.name));
    expect(back).toMatchObject({ active: true, wholesaleMinor: 250, priceMinor: 499 });
    expect(await count()).toBe(3);

    // Gone for good from the provider's list: it stays inactive on later syncs and is never counted again.
    expect(await syncCatalogue({ db: handle.db, client: fakeClient(listed), log: quiet })).toMatchObject({
      deactivated: 0,
      reactivated: 0,
    });
    expect(await count(sql`not active`)).toBe(1);
  });

  it("changes nothing when a page keeps failing, whether the first or a later one", async () => {
    await handle.db
      .insert(bundles)
      .values([row("esim_1GB_7D_AA_V2"), row("esim_1GB_7D_BB_V2"), row("esim_1GB_7D_CC_V2")]);
    await sandbox.control("POST", "/faults", { service: "esim-go", route: "GET /catalogue", status: 500, times: 10 });
    const failed = syncCatalogue({ db: handle.db, providers: ["esim-go"], log: quiet, retry: fastRetry });
    await expect(failed).rejects.toBeInstanceOf(ProviderError);
    await expect(failed).rejects.toMatchObject({ status: 500 });
    await sandbox.control("DELETE", "/faults");

    // Page 1 fine, page 3 down: still nothing may be written, since the catalogue arrived incomplete.
    const real = esimGoClient();
    const started: number[] = [];
    let settled = 0;
    let startedBeforeGivingUp = -1;
    const flaky: Pick<EsimGoClient, "cataloguePage" | "balance"> = {
      balance: () => real.balance(),
      cataloguePage: async (p) => {
        started.push(p.page);
        try {
          if (p.page === 3) {
            // fastRetry makes three attempts; after the last one the sync must start no other page.
            if (started.filter((n) => n === 3).length === 3) startedBeforeGivingUp = started.length;
            throw new ProviderError("esim-go", "http", "GET /catalogue → 502", 502);
          }
          return await real.cataloguePage(p);
        } finally {
          settled++;
        }
      },
    };
    await expect(
      syncCatalogue({ db: handle.db, client: flaky, log: quiet, retry: fastRetry, perPage: 500 }),
    ).rejects.toMatchObject({ status: 502 });
    // Once it has failed it starts no further page, and nothing is left in flight when it reports.
    expect(settled).toBe(started.length);
    expect(started.length).toBe(startedBeforeGivingUp);
    expect(await count()).toBe(3);
    expect(await count(sql`active`)).toBe(3);
  });

  it("does not retry a 4xx other than 429", async () => {
    await sandbox.control("POST", "/faults", { service: "esim-go", route: "GET /catalogue", status: 403, times: 1 });
    await expect(
      syncCatalogue({ db: handle.db, providers: ["esim-go"], log: quiet, retry: { attempts: 5, baseDelayMs: 1 } }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await count()).toBe(0);
  });

  it("refuses to switch off most of the shop at once unless told to", async () => {
    await handle.db.insert(bundles).values(Array.from({ length: 30 }, (_, i) => row(`esim_old_${i}`)));
    const client = fakeClient([providerBundle("FR", 1), providerBundle("DE", 1)]);
    await expect(syncCatalogue({ db: handle.db, client, log: quiet })).rejects.toBeInstanceOf(CatalogueSyncError);
    expect(await count(sql`active`)).toBe(30);
    expect(await count()).toBe(30);

    const forced = await syncCatalogue({ db: handle.db, client, log: quiet, maxDeactivateRatio: 1 });
    expect(forced).toMatchObject({ upserted: 2, deactivated: 30 });
    expect(await count(sql`active`)).toBe(2);
    expect(await count()).toBe(32);
  });

  it("refuses an empty catalogue and a wholesale currency the shop does not sell in", async () => {
    await expect(syncCatalogue({ db: handle.db, client: fakeClient([]), log: quiet })).rejects.toBeInstanceOf(
      CatalogueSyncError,
    );
    await expect(
      syncCatalogue({ db: handle.db, client: fakeClient([providerBundle("FR", 1)], { currency: "EUR" }), log: quiet }),
    ).rejects.toBeInstanceOf(CurrencyMismatchError);
    expect(await count()).toBe(0);
  });

  it("skips unsellable bundles and counts them", async () => {
    const broken = { ...providerBundle("DE", 1), name: "esim_broken", countries: [] };
    const result = await syncCatalogue({
      db: handle.db,
      client: fakeClient([providerBundle("FR", 1), broken]),
      log: quiet,
    });
    expect(result).toMatchObject({ fetched: 2, upserted: 1, invalid: 1 });
    expect(await count()).toBe(1);
  });

  it("joins a sync already running in this process instead of starting another", async () => {
    const client = fakeClient([providerBundle("FR", 1), providerBundle("FR", 2), providerBundle("DE", 1)]);
    const [a, b] = await Promise.all([
      syncCatalogue({ db: handle.db, client, log: quiet }),
      syncCatalogue({ db: handle.db, client, log: quiet }),
    ]);
    expect(a).toBe(b);
    expect(client.pageCalls).toBe(1);
    expect(await count()).toBe(3);
  });

  it("keeps paging when the provider answers with a bare array", async () => {
    const list = ["FR", "DE", "ES", "IT", "PT"].map((iso) => providerBundle(iso, 1));
    const client = fakeClient(list, { bareArray: true });
    const result = await syncCatalogue({ db: handle.db, client, log: quiet, perPage: 2 });
    expect(result).toMatchObject({ fetched: 5, upserted: 5 });
    expect(client.pageCalls).toBe(3);
  });

  it("syncs on first start only", async () => {
    const client = fakeClient([providerBundle("FR", 1)]);
    expect(await ensureCatalogue({ db: handle.db, client, log: quiet })).toMatchObject({ upserted: 1 });
    expect(await ensureCatalogue({ db: handle.db, client, log: quiet })).toBeNull();
    expect(client.pageCalls).toBe(1);
  });

  it.skipIf(kind === "pglite")("writes nothing while another instance holds the sync lock", async () => {
    const client = fakeClient([providerBundle("FR", 1)]);
    let result: Awaited<ReturnType<typeof syncCatalogue>> | undefined;
    // Another connection holds the lock for the length of its transaction, as a second instance would.
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SYNC_LOCK_ID})`);
      result = await syncCatalogue({ db: handle.db, client, log: quiet });
    });
    expect(result).toMatchObject({ busy: true, upserted: 0 });
    expect(await count()).toBe(0);
  });
});

describe("startCatalogueTimer", () => {
  afterEach(() => {
    stopCatalogueTimer();
    vi.restoreAllMocks();
  });

  it("starts one unref'd hourly timer however often it is called", () => {
    const spy = vi.spyOn(globalThis, "setInterval");
    const stop = startCatalogueTimer({ log: quiet });
    startCatalogueTimer({ log: quiet });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]?.[1]).toBe(60 * 60_000);
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    stop();
    startCatalogueTimer({ log: quiet });
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
