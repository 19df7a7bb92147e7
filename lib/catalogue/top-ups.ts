import { providerFor } from "@/lib/providers";
import type { EsimProvider } from "@/lib/providers/types";

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
