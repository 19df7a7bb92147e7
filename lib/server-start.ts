import { env, sandboxedServices } from "@/lib/env";
import { DataDirLockedError, getDbHandle } from "@/lib/db";
import { ensureCatalogue, startCatalogueTimer } from "@/lib/catalogue/sync";
import { runExchangeRates } from "@/lib/currency/jobs";
import "@/lib/composition";
import { startWorker } from "@/lib/jobs/worker";
import { startUsageAlertsTimer } from "@/lib/usage/jobs";
import { startPaymentSweepTimer } from "@/lib/payments/sweep";
import { log } from "@/lib/observability/logger";
import { startIdleCollector } from "@/lib/observability/idle-gc";
import { startReconcileTimer } from "@/lib/admin/reconcile/run";
import { purgeRateLimits } from "@/lib/http/rate-limit";
import { runRestock } from "@/lib/stock/restock";
import { stockOnHand } from "@/lib/stock/queries";
import { purgeIdempotencyKeys } from "@/lib/partners/idempotency";
import { wireWalletFunding } from "@/lib/funding/wire";

export async function startServer(): Promise<void> {
  wireWalletFunding();
  const e = env();
  const sandboxed = sandboxedServices(e);
  if (sandboxed.length > 0) {
    log.warn({ sandboxed, sandboxUrl: e.sandboxUrl }, "Sandbox — no real money moves");
  }
  let db: Awaited<ReturnType<typeof getDbHandle>>;
  try {
    db = await getDbHandle();
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      log.fatal(err.message);
      process.exit(1);
    }
    throw err;
  }
  log.info({ kind: db.kind, ...(db.kind === "pglite" ? { dataDir: `${e.dataDir}/pglite` } : {}) }, "database ready");
  // Awaited so the first visit shows the catalogue; a provider outage must not stop the server starting.
  try {
    const result = await ensureCatalogue();
    if (result) log.info({ bundles: result.upserted, ms: result.durationMs }, "catalogue loaded");
  } catch (err) {
    log.error({ err }, "first catalogue sync failed; will retry on the timer");
  }
  startCatalogueTimer();
  const rates = () =>
    void runExchangeRates(db.db).catch((err: unknown) => log.error({ err }, "exchange rates job failed"));
  rates();
  setInterval(rates, 3600_000).unref();
  startWorker();
  startIdleCollector();
  startUsageAlertsTimer();
  startPaymentSweepTimer();
  startReconcileTimer();
  if (e.stock.restockIntervalMinutes > 0)
    setInterval(
      () => void runRestock(db.db).catch((err: unknown) => log.error({ err }, "restock failed")),
      e.stock.restockIntervalMinutes * 60_000,
    ).unref();
  if (!e.stock.encryptionKey && (await stockOnHand(db.db)) > 0)
    log.error("STOCK_ENCRYPTION_KEY is not set but stock exists: it is not sold until the key is configured");
  setInterval(() => {
    void purgeRateLimits(db.db).catch((err: unknown) => log.error({ err }, "purging rate limits failed"));
    void purgeIdempotencyKeys(db.db).catch((err: unknown) => log.error({ err }, "purging idempotency keys failed"));
  }, 6 * 3600_000).unref();
}
