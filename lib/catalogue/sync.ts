// Catalogue sync: every enabled provider's catalogue → the `bundles` table. Nothing is written until every
// provider's listing has arrived whole; the write itself is one guarded transaction.
import { inArray } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { bundles } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { revalidateCatalogue } from "./cache";
import { routeEquivalents } from "./equivalents";
import type { RetryPolicy } from "./fetch-pages";
import { providerRows, type ListingOptions } from "./listing";
import { validateRules, type PricingRules } from "./pricing";
import { storedPricingRules } from "./settings";
import { blamedProvider, blameProvider } from "./sync-error";
import { recordSyncRun } from "./sync-runs";
import { writeListings } from "./sync-write";
import { currencySettingsFor } from "@/lib/currency/settings";

export interface SyncOptions extends ListingOptions {
  db?: Db;
  /** Sync this one provider only (with `client`: the id stored on each row); defaults to env().catalogue.provider. */
  provider?: string;
  /** Without `client`/`provider`: the providers to sync together (default env().providers, i.e. ESIM_PROVIDERS). */
  providers?: readonly string[];
  rules?: PricingRules;
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

export { withRetry, type RetryPolicy } from "./fetch-pages";
export { CatalogueSyncError } from "./sync-error";
export { SYNC_LOCK_ID } from "./sync-write";
const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

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
      failedProvider: blamedProvider(err),
    });
    throw err;
  }
}

function providersOf(options: SyncOptions): string[] {
  const single = options.client !== undefined || options.provider !== undefined;
  return single ? [options.provider ?? env().catalogue.provider] : [...(options.providers ?? env().providers)];
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
        blameProvider(err, provider);
        throw err;
      }),
    ),
  );
  const fetchMs = Math.round(performance.now() - started);
  const { rows, shadowed } = routeEquivalents(listings.flatMap((l) => l.rows));

  const writeStarted = performance.now();
  const written = await writeListings(db, {
    providers,
    single,
    listings,
    rows,
    syncedAt,
    maxDeactivateRatio: options.maxDeactivateRatio,
    batchSize: options.batchSize ?? 500,
    currencies: currencySettingsFor(rules),
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
