// Whether a plan page may say "Top-ups available": only where more data can later go onto the eSIM the plan
// comes on, without a new QR code.
import { providerFor } from "@/lib/providers";
import type { EsimProvider } from "@/lib/providers/types";

/**
 * True when the plan is on sale and its provider can add a plan to an eSIM it issued — the same test the eSIM
 * page's top-up offer starts from (lib/accounts/topup.ts: no compatibility call, no top-ups). A provider this
 * build has no adapter for cannot top anything up.
 */
export function planTakesTopUps(
  plan: { provider: string; active: boolean },
  lookup: (name: string) => Pick<EsimProvider, "topUpCompatible"> = providerFor,
): boolean {
  if (!plan.active) return false;
  try {
    return typeof lookup(plan.provider).topUpCompatible === "function";
  } catch {
    return false;
  }
}
