// The registry: which adapter serves a provider name. Everything outside lib/providers/ reaches a provider
// through this and the port in types.ts, never through an adapter's own client.
import type { ProviderName } from "./http";
import { createEsimGoProvider } from "./esim-go/provider";
import { createZenditProvider } from "./zendit/provider";
import type { EsimProvider, WalletFunding } from "./types";

export type { EsimProvider } from "./types";

type FundingFor = (provider: ProviderName) => WalletFunding;
const g = globalThis as unknown as { __ternWalletFunding?: FundingFor };

/**
 * How a prepaid provider's wallet is kept funded before each purchase. Funding is a shop rule, so the port
 * does not know it: the composition root hands it in once at start-up.
 */
export function setWalletFunding(funding: FundingFor): void {
  g.__ternWalletFunding = funding;
}

export function providerFor(name: string): EsimProvider {
  switch (name) {
    case "esim-go":
      // Built per call: cheap, and it follows configuration changes (tests repoint the sandbox).
      return createEsimGoProvider();
    case "zendit":
      // Zendit sells from a prepaid wallet: each purchase makes sure the wallet covers it first.
      return createZenditProvider({ funding: g.__ternWalletFunding?.("zendit") });
    default:
      throw new Error(`No eSIM provider adapter for "${name}"`);
  }
}
