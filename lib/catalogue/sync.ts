// Catalogue sync: every page of the provider's catalogue → the `bundles` table.
//
// Safety first: nothing is written until every page has arrived, the write is one transaction, and bundles
// the provider no longer lists are only marked inactive (orders point at them), never deleted. A sync that
// would switch off most of the shop at once is refused: that is an outage or a bad response, not a
// catalogue change.
import { and, eq, inArray, notInArray, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { bundles, type NewBundle } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { providerFor } from "@/lib/providers";
import type { CatalogueSource } from "@/lib/providers/types";
import { revalidateCatalogue } from "./cache";
import { priceBundles } from "@/lib/currency/bundle-prices";
import { currencySettingsFor } from "@/lib/currency/settings";
import { fetchAllPages, withRetry, type RetryPolicy } from "./fetch-pages";
import { bundleFromOffer, normaliseBundle } from "./normalise";
import { routeEquivalents } from "./equivalents";
import { selectRows } from "@/lib/db/sql";
import { CurrencyMismatchError, validateRules, type PricingRules } from "./pricing";
import { applyBundleFlags, storedPricingRules } from "./settings";
import { recordSyncRun } from "./sync-runs";

export interface SyncOptions {
  db?: Db;
  /** Where bundles come from; defaults to the provider's own catalogue through the port. */
  client?: CatalogueSource;
  /** Sync this one provider only (with `client`: the id stored on each row); defaults to env().catalogue.provider. */
  provider?: string;
  /** Without `client`/`provider`: the providers to sync together (default env().providers, i.e. ESIM_PROVIDERS). */
  providers?: readonly string[];
  rules?: PricingRules;
  /** The provider account's currency; asked from the provider (GET /organisation) when not given. */
  wholesaleCurrency?: string;
  /** The sandbox (like eSIM Go, presumably) caps pages at 1000 rows. */
  perPage?: number;
  /** Pages fetched at once after the first; eSIM Go allows ~10 requests/s per IP. */
  concurrency?: number;
  /** Rows per INSERT … ON CONFLICT statement. */
  batchSize?: number;
  retry?: Partial<RetryPolicy>;
  /** Refuse a sync that would deactivate more than this share of the active bundles (default 0.5). */
  maxDeactivateRatio?: number;
  log?: Pick<Console, "info" | "warn">;
}

export interface SyncResult {
  /** Bundles received from the provider (distinct names). */
  fetched: number;
  /** Rows inserted or updated. */
  upserted: number;
  deactivated: number;
  reactivated: number;
  /** Provider bundles we could not sell (no countries, no price…); they count as not seen. */
  invalid: number;
  pages: number;
  durationMs: number;
  /** Of which: fetching every page, and the database transaction. */
  fetchMs: number;
  writeMs: number;
  /** Per provider: received, stored, listed (not kept as another's fallback), skipped. */
  providers: Record<string, { fetched: number; upserted: number; listed: number; invalid: number }>;
  /** Bundles kept inactive because another provider sells the same plan at a better margin. */
  shadowed: number;
  /** True when another instance held the sync lock, so this run wrote nothing. */
  busy: boolean;
  /** Whether Next's tag revalidation ran (only inside a request); this process's cache is refreshed anyway. */
  revalidatedTag: boolean;
}

export class CatalogueSyncError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CatalogueSyncError";
  }
}

export { withRetry, type RetryPolicy } from "./fetch-pages";
const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };
/** pg advisory lock id for the sync ("tern" in ASCII); held for the write transaction only. */
export const SYNC_LOCK_ID = 0x7465726e;
/** Below this many active bundles the mass-deactivation guard stays out of the way (tiny test catalogues). */
const GUARD_MIN_ACTIVE = 20;

// Joins concurrent calls in one process (PGlite serves one transaction at a time, and two runs would only
// fetch the same pages twice). Keyed by database so tests with separate databases stay separate.
const running = new WeakMap<Db, Promise<SyncResult>>();

export async function syncCatalogue(options: SyncOptions = {}): Promise<SyncResult> {
  const db = options.db ?? (await getDb());
  const current = running.get(db);
  if (current) return current;
  const run = recorded(db, options, () => runSync(db, options)).finally(() => running.delete(db));
  running.set(db, run);
  return run;
}

/** Which provider's listing failed a run (set on the error as it passes through runSync). */
const failedProvider = new WeakMap<object, string>();

/** Runs the sync and records its outcome per provider for the admin page; recording never fails the sync. */
async function recorded(db: Db, options: SyncOptions, sync: () => Promise<SyncResult>): Promise<SyncResult> {
  const startedAt = new Date();
  const providers = providersOf(options);
  const write = (record: Omit<Parameters<typeof recordSyncRun>[1], "providers" | "startedAt">) =>
    recordSyncRun(db, { providers, startedAt, ...record }).catch((err: unknown) =>
      (options.log ?? console).warn(`[catalogue] could not record the sync: ${String(err)}`),
    );
  try {
    const result = await sync();
    await write({
      outcome: result.busy ? "busy" : "succeeded",
      counts: result.providers,
      deactivated: result.deactivated,
      reactivated: result.reactivated,
    });
    return result;
  } catch (err) {
    await write({
      outcome: "failed",
      error: err,
      failedProvider: err && typeof err === "object" ? failedProvider.get(err) : undefined,
    });
    throw err;
  }
}

function providersOf(options: SyncOptions): string[] {
  const single = options.client !== undefined || options.provider !== undefined;
  return single ? [options.provider ?? env().catalogue.provider] : [...(options.providers ?? env().providers)];
}

interface ProviderRows {
  provider: string;
  rows: NewBundle[];
  fetched: number;
  invalid: number;
  pages: number;
}

async function runSync(db: Db, options: SyncOptions): Promise<SyncResult> {
  const started = performance.now();
  const e = env();
  // A given client or provider syncs that one source; otherwise every provider ESIM_PROVIDERS enables.
  const single = options.client !== undefined || options.provider !== undefined;
  const providers = providersOf(options);
  // Rules saved in the admin area win over the env defaults.
  const rules = options.rules ?? (await storedPricingRules(db)) ?? e.pricing;
  validateRules(rules);
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const log = options.log ?? console;
  const syncedAt = new Date();

  // Every enabled provider's listing must arrive before anything is written: a half-synced shop would shadow
  // or reactivate bundles on the strength of one provider's answer.
  const listings = await Promise.all(
    providers.map((provider) =>
      providerRows(provider, options, rules, retry, syncedAt, log).catch((err: unknown) => {
        if (err && typeof err === "object" && !failedProvider.has(err)) failedProvider.set(err, provider);
        throw err;
      }),
    ),
  );
  const fetchMs = Math.round(performance.now() - started);
  const { rows, shadowed } = routeEquivalents(listings.flatMap((l) => l.rows));

  const writeStarted = performance.now();
  const written = await db.transaction(async (tx) => {
    const [lock] = await selectRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${SYNC_LOCK_ID}) as ok`);
    if (!lock?.ok) return null;

    const existing = await tx
      .select({ name: bundles.name, provider: bundles.provider, active: bundles.active })
      .from(bundles)
      .where(inArray(bundles.provider, providers));
    const seen = new Map(rows.map((r) => [r.name, r]));
    const ratio = options.maxDeactivateRatio ?? 0.5;
    for (const { provider, rows: listed } of listings) {
      const activeBefore = existing.filter((b) => b.active && b.provider === provider);
      const toDeactivate = activeBefore.filter((b) => !seen.has(b.name)).length;
      if (activeBefore.length >= GUARD_MIN_ACTIVE && toDeactivate > activeBefore.length * ratio) {
        const refusal = new CatalogueSyncError(
          `Refusing to deactivate ${toDeactivate} of ${activeBefore.length} active bundles: ${provider} listed only ${listed.length}. ` +
            `If the catalogue really shrank, run the sync with a higher maxDeactivateRatio.`,
        );
        failedProvider.set(refusal, provider);
        throw refusal;
      }
    }
    const reactivated = existing.filter(
      (b) => !b.active && seen.get(b.name)?.active !== false && seen.has(b.name),
    ).length;

    const batchSize = options.batchSize ?? 500;
    for (let i = 0; i < rows.length; i += batchSize) {
      await tx
        .insert(bundles)
        .values(rows.slice(i, i + batchSize))
        .onConflictDoUpdate({ target: bundles.name, set: UPSERT_SET });
    }
    // Every row this run saw carries its syncedAt; the rest of these providers' active rows have vanished.
    // A provider switched off (multi-provider sync only) goes inactive whole: its orders keep their snapshots.
    const gone = await tx
      .update(bundles)
      .set({ active: false, fallbackBundle: null })
      .where(
        single
          ? sql`${bundles.provider} = ${providers[0]} and ${bundles.active} and ${bundles.syncedAt} is distinct from ${syncedAt.toISOString()}::timestamptz`
          : and(
              eq(bundles.active, true),
              or(
                notInArray(bundles.provider, providers),
                sql`${bundles.syncedAt} is distinct from ${syncedAt.toISOString()}::timestamptz`,
              ),
            ),
      )
      .returning({ name: bundles.name });
    if (!single) {
      // A fallback that is no longer synced (its provider switched off, or it vanished) cannot be bought.
      await tx
        .update(bundles)
        .set({ fallbackBundle: null })
        .where(
          sql`${bundles.fallbackBundle} is not null and ${bundles.fallbackBundle} not in (select name from bundles where synced_at = ${syncedAt.toISOString()}::timestamptz)`,
        );
    }
    await applyBundleFlags(tx);
    // Prices in the other currencies the shop sells, from these base prices, in the same transaction.
    await priceBundles(tx, currencySettingsFor(rules));
    return { upserted: rows.length, deactivated: gone.length, reactivated };
  });

  const durationMs = Math.round(performance.now() - started);
  const writeMs = Math.round(performance.now() - writeStarted);
  const byProvider = Object.fromEntries(
    listings.map((l) => [
      l.provider,
      {
        fetched: l.fetched,
        upserted: l.rows.length,
        listed: l.rows.filter((r) => r.active !== false).length,
        invalid: l.invalid,
      },
    ]),
  );
  const base = {
    fetched: listings.reduce((n, l) => n + l.fetched, 0),
    invalid: listings.reduce((n, l) => n + l.invalid, 0),
    pages: listings.reduce((n, l) => n + l.pages, 0),
    durationMs,
    fetchMs,
    writeMs,
    providers: byProvider,
    shadowed,
  };
  if (!written) {
    log.info(`[catalogue] another instance is syncing; skipped writing (${durationMs} ms)`);
    return { ...base, upserted: 0, deactivated: 0, reactivated: 0, busy: true, revalidatedTag: false };
  }
  const revalidatedTag = revalidateCatalogue();
  log.info(
    `[catalogue] synced ${written.upserted} bundles from ${providers.join(" + ")} (${base.pages} pages; ${shadowed} kept as fallbacks, ${written.deactivated} deactivated, ${written.reactivated} reactivated, ${base.invalid} skipped) in ${durationMs} ms`,
  );
  return { ...base, ...written, busy: false, revalidatedTag };
}

/** One provider's whole catalogue as priced rows: paged entries (eSIM Go) or wholesale offers (Zendit). */
async function providerRows(
  provider: string,
  options: SyncOptions,
  rules: PricingRules,
  retry: RetryPolicy,
  syncedAt: Date,
  log: Pick<Console, "info" | "warn">,
): Promise<ProviderRows> {
  const port = options.client ? undefined : providerFor(provider);
  const client = options.client ?? port?.catalogue;
  let rows: NewBundle[] = [];
  let invalid: string[] = [];
  let fetchedCount: number;
  let pages = 1;
  if (client) {
    const [currencyResult, fetchResult] = await Promise.allSettled([
      options.wholesaleCurrency ?? withRetry(() => client.balance(), retry).then((b) => b.currency),
      fetchAllPages(client, options.perPage ?? 1000, options.concurrency ?? 3, retry, log),
    ]);
    if (fetchResult.status === "rejected") throw fetchResult.reason;
    if (currencyResult.status === "rejected") throw currencyResult.reason;
    const [wholesaleCurrency, fetched] = [currencyResult.value, fetchResult.value];
    // All eSIM Go prices are in the one organisation currency: check once instead of failing per bundle.
    if (wholesaleCurrency.toUpperCase() !== rules.currency.toUpperCase())
      throw new CurrencyMismatchError(wholesaleCurrency.toUpperCase(), rules.currency.toUpperCase());
    for (const b of fetched.bundles) {
      const r = normaliseBundle(b, { provider, wholesaleCurrency, rules, syncedAt });
      if (r.ok) rows.push(r.row);
      else invalid.push(`${r.name} (${r.reason})`);
    }
    fetchedCount = fetched.bundles.length;
    pages = fetched.pages;
  } else if (port?.offerCatalogue) {
    const catalogue = port.offerCatalogue;
    const listed = await withRetry(() => catalogue.offers(), retry);
    rows = listed.offers.map((o) => bundleFromOffer(o, { provider, rules, syncedAt }));
    invalid = listed.skipped.map((s) => `${s.name} (${s.reason})`);
    fetchedCount = rows.length + invalid.length;
  } else {
    throw new CatalogueSyncError(`${provider} has no catalogue to sync`);
  }
  if (invalid.length)
    log.warn(
      `[catalogue] skipped ${invalid.length} unsellable ${provider} bundles: ${invalid.slice(0, 5).join("; ")}${invalid.length > 5 ? "; …" : ""}`,
    );
  if (rows.length === 0)
    throw new CatalogueSyncError(
      `${provider} returned no sellable bundles (${fetchedCount} received); nothing was changed`,
    );
  return { provider, rows, fetched: fetchedCount, invalid: invalid.length, pages };
}

// Columns a re-sync overwrites. updated_at moves only when one of them really changed, so it tells admins
// when the provider last changed a bundle rather than when we last looked.
const SYNCED_COLUMNS = [
  "provider",
  "description",
  "scope",
  "countries",
  "country",
  "region",
  "dataMb",
  "unlimited",
  "durationDays",
  "speeds",
  "autostart",
  "networks",
  "wholesaleMinor",
  "wholesaleCurrency",
  "priceMinor",
  "currency",
  "active",
  "equivalenceKey",
  "fallbackBundle",
] as const;

const UPSERT_SET = (() => {
  const set: Record<string, ReturnType<typeof sql.raw>> = {};
  for (const key of SYNCED_COLUMNS) set[key] = sql.raw(`excluded."${bundles[key].name}"`);
  const current = SYNCED_COLUMNS.map((k) => `"bundles"."${bundles[k].name}"`).join(", ");
  const incoming = SYNCED_COLUMNS.map((k) => `excluded."${bundles[k].name}"`).join(", ");
  set.syncedAt = sql.raw(`excluded."synced_at"`);
  set.updatedAt = sql.raw(
    `case when (${current}) is distinct from (${incoming}) then now() else "bundles"."updated_at" end`,
  );
  return set;
})();

// ─── First start and the hourly timer ───────────────────────────────────────────────────────────────────

/** Sync when some provider to sync has no bundles in the table yet (first start, or newly enabled). */
export async function ensureCatalogue(options: SyncOptions = {}): Promise<SyncResult | null> {
  const db = options.db ?? (await getDb());
  const single = options.client !== undefined || options.provider !== undefined;
  const wanted = single ? [options.provider ?? env().catalogue.provider] : (options.providers ?? env().providers);
  const present = await db
    .selectDistinct({ provider: bundles.provider })
    .from(bundles)
    .where(inArray(bundles.provider, [...wanted]));
  if (present.length === wanted.length) return null;
  return syncCatalogue({ ...options, db });
}

const timerSlot = globalThis as unknown as { __ternCatalogueTimer?: ReturnType<typeof setInterval> };

/**
 * Re-sync every CATALOGUE_SYNC_INTERVAL_MINUTES on a long-running server. Idempotent (a second call, e.g.
 * after a hot reload, keeps the one timer); unref'd so it never keeps the process alive. Returns a stop function.
 */
export function startCatalogueTimer(options: SyncOptions = {}): () => void {
  if (!timerSlot.__ternCatalogueTimer) {
    const minutes = env().catalogue.syncIntervalMinutes;
    if (minutes <= 0) return stopCatalogueTimer;
    const log = options.log ?? console;
    timerSlot.__ternCatalogueTimer = setInterval(() => {
      syncCatalogue(options).catch((err: unknown) =>
        log.warn(`[catalogue] scheduled sync failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    }, minutes * 60_000);
    timerSlot.__ternCatalogueTimer.unref();
  }
  return stopCatalogueTimer;
}

export function stopCatalogueTimer(): void {
  if (timerSlot.__ternCatalogueTimer) clearInterval(timerSlot.__ternCatalogueTimer);
  timerSlot.__ternCatalogueTimer = undefined;
}
