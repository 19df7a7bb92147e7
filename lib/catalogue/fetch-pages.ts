// Nothing is returned unless every page arrived.
import { ProviderError } from "@/lib/providers/http";
import type { CatalogueEntry, CatalogueSource } from "@/lib/providers/types";

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

type CatalogueClient = Pick<CatalogueSource, "cataloguePage">;

export async function fetchAllPages(
  client: CatalogueClient,
  perPage: number,
  concurrency: number,
  retry: RetryPolicy,
  log: Pick<Console, "warn">,
): Promise<{ bundles: CatalogueEntry[]; pages: number }> {
  const page = (n: number) => withRetry(() => client.cataloguePage({ page: n, perPage }), retry);
  const first = await page(1);
  const pages: CatalogueEntry[][] = [first.bundles];
  const pageCount = Math.max(1, first.pageCount || 1);

  // After a failure no new page starts, so when the sync reports an error it has stopped talking to the provider.
  let next = 2;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next <= pageCount && !failure) {
      const n = next++;
      try {
        pages[n - 1] = (await page(n)).bundles;
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pageCount - 1) }, worker));
  if (failure) throw failure.error;

  // The v2.4 OpenAPI gives no page counts: a full first page claiming to be the only one is followed until a page
  // is short or repeats.
  if (pageCount === 1 && first.bundles.length >= perPage) {
    const names = new Set(first.bundles.map((b) => b.name));
    for (let n = 2; ; n++) {
      const more = (await page(n)).bundles.filter((b) => !names.has(b.name));
      if (more.length === 0) break;
      for (const b of more) names.add(b.name);
      pages.push(more);
      if (more.length < perPage) break;
    }
  }

  const byName = new Map<string, CatalogueEntry>();
  for (const list of pages) for (const b of list) byName.set(b.name, b);
  if (first.rows && byName.size < first.rows) {
    log.warn(`[catalogue] provider reported ${first.rows} bundles but ${byName.size} distinct ones arrived`);
  }
  return { bundles: [...byName.values()], pages: pages.length };
}

function isRetryable(err: unknown): err is ProviderError {
  if (!(err instanceof ProviderError)) return false;
  if (err.kind !== "http") return true; // reads are safe to repeat after a network failure or timeout
  return err.status === 429 || (err.status ?? 0) >= 500;
}

export async function withRetry<T>(fn: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isRetryable(err) || attempt >= policy.attempts) throw err;
      const backoff = policy.baseDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
      const wait = err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : backoff;
      await new Promise((r) => setTimeout(r, Math.min(wait, policy.maxDelayMs)));
    }
  }
}
