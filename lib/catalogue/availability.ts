// Concurrent checks share one provider call, and a fresh catalogue row answers when the provider cannot in
// time: a rush of checkouts must not spend the rate limit that purchases need.
import type { Db } from "@/lib/db";
import type { Bundle } from "@/lib/db/schema";
import { hasAvailableStock } from "@/lib/stock/queries";
import { env } from "@/lib/env";
import { providerFor } from "@/lib/providers";
import { ProviderError } from "@/lib/providers/http";
import type { ValidateResult } from "@/lib/providers/types";
import { log } from "@/lib/observability/logger";

const AVAILABILITY_TTL_MS = 45_000;
const CHECKOUT_VALIDATE_BUDGET_MS = 3_000;
/** The shared call keeps going (and fills the cache) after the checkout that started it gave up. */
const SHARED_CALL_BUDGET_MS = 15_000;

export type Availability =
  | { source: "provider"; result: ValidateResult }
  | { source: "catalogue"; result: Extract<ValidateResult, { ok: true }>; why: string }
  | { source: "none"; why: string };

interface Entry {
  result: ValidateResult;
  expiresAt: number;
}

const slot = globalThis as unknown as {
  __ternAvailability?: { cache: Map<string, Entry>; inFlight: Map<string, Promise<ValidateResult>> };
};

function state() {
  slot.__ternAvailability ??= { cache: new Map(), inFlight: new Map() };
  return slot.__ternAvailability;
}

export function clearAvailabilityCache(): void {
  state().cache.clear();
}

export async function checkAvailability(
  bundle: Pick<Bundle, "name" | "provider" | "wholesaleMinor" | "wholesaleCurrency" | "syncedAt">,
  options: { budgetMs?: number } = {},
): Promise<Availability> {
  const key = `${bundle.provider}:${bundle.name}`;
  const { cache, inFlight } = state();
  const cached = cache.get(key);
  if (cached && cached.expiresAt > Date.now()) return { source: "provider", result: cached.result };

  let shared = inFlight.get(key);
  if (!shared) {
    shared = askProvider(bundle.provider, bundle.name).then((result) => {
      // Only "sold" is cached: a refused bundle may be back.
      if (result.ok) cache.set(key, { result, expiresAt: Date.now() + AVAILABILITY_TTL_MS });
      return result;
    });
    const mine = shared;
    void mine.finally(() => inFlight.delete(key)).catch(() => {});
    inFlight.set(key, mine);
  }

  const budgetMs = options.budgetMs ?? CHECKOUT_VALIDATE_BUDGET_MS;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    shared.then(
      (result) => ({ kind: "answer" as const, result }),
      (err: unknown) => ({ kind: "error" as const, err }),
    ),
    new Promise<{ kind: "late" }>((resolve) => {
      timer = setTimeout(() => resolve({ kind: "late" }), budgetMs);
    }),
  ]);
  clearTimeout(timer);
  if (outcome.kind === "answer") return { source: "provider", result: outcome.result };
  if (outcome.kind === "error" && !cannotBeAsked(outcome.err)) throw outcome.err;
  const why =
    outcome.kind === "late"
      ? `no answer from ${bundle.provider} within ${budgetMs} ms`
      : outcome.err instanceof Error
        ? outcome.err.message
        : String(outcome.err);
  return fromCatalogue(bundle, why);
}

async function askProvider(provider: string, bundleName: string): Promise<ValidateResult> {
  const deadline = Date.now() + SHARED_CALL_BUDGET_MS;
  for (;;) {
    try {
      return await providerFor(provider).validate(bundleName);
    } catch (err) {
      const wait = err instanceof ProviderError && err.status === 429 ? (err.retryAfterSeconds ?? 1) * 1000 : null;
      if (wait === null || Date.now() + wait > deadline) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

function cannotBeAsked(err: unknown): boolean {
  if (!(err instanceof ProviderError)) return false;
  if (err.kind !== "http") return true;
  return err.status === 429 || (err.status ?? 0) >= 500;
}

function fromCatalogue(
  bundle: Pick<Bundle, "wholesaleMinor" | "wholesaleCurrency" | "syncedAt">,
  why: string,
): Availability {
  // A row missed by two syncs is not trusted.
  const maxAgeMs = Math.max(2 * env().catalogue.syncIntervalMinutes, 60) * 60_000;
  if (Date.now() - bundle.syncedAt.getTime() > maxAgeMs) return { source: "none", why };
  return {
    source: "catalogue",
    result: { ok: true, wholesaleMinor: bundle.wholesaleMinor, currency: bundle.wholesaleCurrency },
    why,
  };
}

/** The stock row is not held for the buyer: if it is gone by fulfilment, the provider sells as usual. */
export async function validateForCheckout(
  db: Db,
  bundle: Pick<Bundle, "name" | "provider" | "wholesaleMinor" | "wholesaleCurrency" | "syncedAt">,
): Promise<ValidateResult> {
  if (await hasAvailableStock(db, bundle.name))
    return { ok: true, wholesaleMinor: bundle.wholesaleMinor, currency: bundle.wholesaleCurrency };
  const availability = await checkAvailability(bundle);
  if (availability.source === "none") throw new Error(availability.why);
  if (availability.source === "catalogue") log.warn(`selling ${bundle.name} on its catalogue row: ${availability.why}`);
  return availability.result;
}
