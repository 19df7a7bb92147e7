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
  provider?: string;
  providers?: readonly string[];
  rules?: PricingRules;
  batchSize?: number;
  retry?: Partial<RetryPolicy>;
  maxDeactivateRatio?: number;
  log?: Pick<Console, "info" | "warn">;
}

export interface SyncResult {
  fetched: number;
  upserted: number;
  deactivated: number;
  reactivated: number;
  invalid: number;
  pages: number;
  durationMs: number;
  fetchMs: number;
  writeMs: number;
  providers: Record<string, { fetched: number; upserted: number; listed: number; invalid: number }>;
  shadowed: number;
  busy: boolean;
  revalidatedTag: boolean;
}

export { withRetry, type RetryPolicy } from "./fetch-pages";
export { CatalogueSyncError } from "./sync-error";
export { SYNC_LOCK_ID } from "./sync-write";
const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

// PGlite serves one transaction at a time, and two runs would only fetch the same pages twice.
const running = new WeakMap<Db, Promise<SyncResult>>();

export async function syncCatalogue(options: SyncOptions = {}): Promise<SyncResult> {
  const db = options.db ?? (await getDb());
  const current = running.get(db);
  if (current) return current;
  const run = recorded(db, options, () => runSync(db, options)).finally(() => running.delete(db));
  running.set(db, run);
  return run;
}

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
  const single = options.client !== undefined || options.provider !== undefined;
  const providers = providersOf(options);
  const rules = options.rules ?? (await storedPricingRules(db)) ?? e.pricing;
  validateRules(rules);
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const log = options.log ?? console;
  const syncedAt = new Date();

  // A half-synced shop would shadow or reactivate bundles on the strength of one provider's answer.
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

/** Idempotent (a hot reload keeps the one timer); unref'd so it never keeps the process alive. */
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
