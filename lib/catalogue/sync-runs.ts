import { and, desc, eq, max } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { catalogueSyncs, type CatalogueSync } from "@/lib/db/schema";
import { redact } from "@/lib/observability/redact";

interface SyncRunRecord {
  providers: readonly string[];
  startedAt: Date;
  outcome: "succeeded" | "failed" | "busy";
  counts?: Record<string, { fetched: number; upserted: number; listed: number; invalid: number }>;
  deactivated?: number;
  reactivated?: number;
  error?: unknown;
  failedProvider?: string;
}

export async function recordSyncRun(db: Db, run: SyncRunRecord): Promise<void> {
  if (run.providers.length === 0) return;
  const message = run.error === undefined ? null : errorText(run.error);
  await db.insert(catalogueSyncs).values(
    run.providers.map((provider) => {
      const c = run.counts?.[provider];
      const blamed = !run.failedProvider || run.failedProvider === provider;
      return {
        provider,
        outcome: run.outcome,
        startedAt: run.startedAt,
        fetched: c?.fetched ?? null,
        stored: c?.upserted ?? null,
        listed: c?.listed ?? null,
        invalid: c?.invalid ?? null,
        deactivated: run.deactivated ?? null,
        reactivated: run.reactivated ?? null,
        // Every provider must answer before anything is written, so one provider's failure is the others' too.
        error: message === null ? null : blamed ? message : `Not written: ${run.failedProvider} failed the sync.`,
      };
    }),
  );
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name === "Error" ? "" : `${err.name}: `}${err.message}` : String(err);
  return redact(text).slice(0, 2000);
}

interface ProviderSyncStatus {
  provider: string;
  last: CatalogueSync;
  lastSucceededAt: Date | null;
}

export async function lastSyncPerProvider(db: Db): Promise<ProviderSyncStatus[]> {
  const [recent, succeeded] = await Promise.all([
    recentSyncRuns(db, 100),
    db
      .select({ provider: catalogueSyncs.provider, at: max(catalogueSyncs.finishedAt) })
      .from(catalogueSyncs)
      .where(and(eq(catalogueSyncs.outcome, "succeeded")))
      .groupBy(catalogueSyncs.provider),
  ]);
  const out = new Map<string, ProviderSyncStatus>();
  for (const run of recent)
    if (!out.has(run.provider)) {
      const ok = succeeded.find((s) => s.provider === run.provider)?.at;
      out.set(run.provider, { provider: run.provider, last: run, lastSucceededAt: ok ? new Date(ok) : null });
    }
  return [...out.values()].sort((a, b) => a.provider.localeCompare(b.provider));
}

function recentSyncRuns(db: Db, limit = 10): Promise<CatalogueSync[]> {
  return db
    .select()
    .from(catalogueSyncs)
    .orderBy(desc(catalogueSyncs.finishedAt), desc(catalogueSyncs.id))
    .limit(limit);
}
