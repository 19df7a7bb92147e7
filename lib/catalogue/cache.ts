// `revalidateTag` works only inside a request; a timer-run sync bumps a per-process generation in every key
// instead.
import { revalidateTag, unstable_cache } from "next/cache";

const CATALOGUE_TAG = "catalogue";

const BACKSTOP_SECONDS = 15 * 60;

const slot = globalThis as unknown as { __ternCatalogueGeneration?: number };

function generation(): number {
  // A timestamp, not a counter: after a restart no key matches what a previous process cached.
  slot.__ternCatalogueGeneration ??= Date.now();
  return slot.__ternCatalogueGeneration;
}

function isOutsideNext(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith("Invariant: incrementalCache missing");
}

export function cachedQuery<A extends unknown[], R>(
  name: string,
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const cached = unstable_cache(fn, ["catalogue", name, String(generation())], {
      tags: [CATALOGUE_TAG],
      revalidate: BACKSTOP_SECONDS,
    });
    try {
      return await cached(...args);
    } catch (err) {
      if (isOutsideNext(err)) return fn(...args);
      throw err;
    }
  };
}

export function revalidateCatalogue(): boolean {
  slot.__ternCatalogueGeneration = Math.max(Date.now(), generation() + 1);
  try {
    // { expire: 0 }: buyers must not be shown bundles that just went away.
    revalidateTag(CATALOGUE_TAG, { expire: 0 });
    return true;
  } catch {
    return false;
  }
}
