import type { ProviderName } from "@/lib/providers/http";
import { providerFor } from "@/lib/providers";
import type { Wallet } from "@/lib/providers/types";

export type { CardForTopup, TopupOutcome, Wallet } from "@/lib/providers/types";

export function walletFor(provider: ProviderName): Wallet {
  const wallet = providerFor(provider).wallet;
  if (!wallet) throw new Error(`${provider} has no wallet to fund`);
  return wallet;
}
