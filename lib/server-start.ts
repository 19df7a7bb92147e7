// Start-up work for a long-running server (called from instrumentation.ts).
import { env, sandboxedServices } from "@/lib/env";
import { getDbHandle } from "@/lib/db";
import { ensureCatalogue, startCatalogueTimer } from "@/lib/catalogue/sync";
import { startFulfilmentWorker } from "@/lib/fulfilment/worker";
import { startUsageAlertsTimer } from "@/lib/usage/jobs";
import { startReconcileTimer } from "@/lib/admin/reconcile/run";

export async function startServer(): Promise<void> {
  const e = env();
  const sandboxed = sandboxedServices(e);
  if (sandboxed.length > 0) {
    console.warn(`[tern] Sandbox — no real money moves. Sandboxed services: ${sandboxed.join(", ")} (${e.sandboxUrl})`);
  }
  const db = await getDbHandle();
  console.log(`[tern] database ready (${db.kind}${db.kind === "pglite" ? `, ${e.dataDir}/pglite` : ""})`);
  // Awaited so the very first visit already shows the catalogue; a provider outage must not keep the
  // server from starting, so failures are logged and the hourly timer tries again.
  try {
    const result = await ensureCatalogue();
    if (result) console.log(`[tern] catalogue loaded: ${result.upserted} bundles in ${result.durationMs} ms`);
  } catch (err) {
    console.error("[tern] first catalogue sync failed; will retry on the timer", err);
  }
  startCatalogueTimer();
  startFulfilmentWorker();
  startUsageAlertsTimer();
  startReconcileTimer();
}
