// Rate limits count in fixed wall-clock windows (lib/http/rate-limit.ts): a test that fills one must not
// straddle its end, or its last request lands in a fresh window and is let through.

/** Waits, if need be, until at least `needMs` of the current `windowMs` window remain. */
export async function insideOneWindow(windowMs: number, needMs = 15_000): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
