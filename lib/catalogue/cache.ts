// Catalogue reads in Next's data cache, tagged "catalogue". `revalidateTag` works only inside a request, and
// a timer-run sync is not one: each key also carries a per-process generation the sync bumps. Outside Next
// (tests, scripts) reads run uncached.
import { revalidateTag, unstable_cache } from "next/cache";

const CATALOGUE_TAG = "catalogue";

/** Upper bound on how stale a catalogue page can be when no revalidation reached this instance. */
const BACKSTOP_SECONDS = 15 * 60;

const slot = globalThis as unknown as { __ternCatalogueGeneration?: number };

function generation(): number {
  // A timestamp, not a counter: after a restart the keys differ from anything a previous process cached.
  slot.__ternCatalogueGeneration ??= Date.now();
  return slot.__ternCatalogueGeneration;
}

function isOutsideNext(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith("Invariant: incrementalCache missing");
}

/** A catalogue read cached in Next's data cache under the catalogue tag; uncached outside Next. */
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

/**
 * Make the next catalogue read fresh. Returns whether Next's tag revalidation ran (false outside a request,
 * e.g. from the timer or a script, where only this process's generation bump applies).
 */
export function revalidateCatalogue(): boolean {
  slot.__ternCatalogueGeneration = Math.max(Date.now(), generation() + 1);
  try {
    // { expire: 0 }: the caller is a cron request or a timer, not a Server Action, and buyers should not be
    // shown bundles that just went away (Next 16 docs, revalidateTag).
    revalidateTag(CATALOGUE_TAG, { expire: 0 });
    return true;
  } catch {
    return false;
  }
}
