import type { NewBundle } from "@/lib/db/schema";
import { providerFor } from "@/lib/providers";
import type { CatalogueSource } from "@/lib/providers/types";
import { fetchAllPages, withRetry, type RetryPolicy } from "./fetch-pages";
import { bundleFromOffer, normaliseBundle } from "./normalise";
import { CurrencyMismatchError, type PricingRules } from "./pricing";
import { CatalogueSyncError } from "./sync-error";

export interface ListingOptions {
  client?: CatalogueSource;
  wholesaleCurrency?: string;
  perPage?: number;
  /** eSIM Go allows ~10 requests/s per IP. */
  concurrency?: number;
}

export interface ProviderRows {
  provider: string;
  rows: NewBundle[];
  fetched: number;
  invalid: number;
  pages: number;
}

export async function providerRows(
  provider: string,
  options: ListingOptions,
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
