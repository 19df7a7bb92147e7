// Everything outside lib/providers/ reaches a provider through this and the port, never an adapter's client.
import type { ProviderName } from "./http";
import { createEsimGoProvider } from "./esim-go/provider";
import { createZenditProvider } from "./zendit/provider";
import type { EsimProvider, WalletFunding } from "./types";

export type { EsimProvider } from "./types";

type FundingFor = (provider: ProviderName) => WalletFunding;
const g = globalThis as unknown as { __ternWalletFunding?: FundingFor };

/** Funding is a shop rule, so the port does not know it: the composition root hands it in. */
export function setWalletFunding(funding: FundingFor): void {
  g.__ternWalletFunding = funding;
}

export function providerFor(name: string): EsimProvider {
  switch (name) {
    case "esim-go":
      return createEsimGoProvider();
    case "zendit":
      return createZenditProvider({ funding: g.__ternWalletFunding?.("zendit") });
    default:
      throw new Error(`No eSIM provider adapter for "${name}"`);
  }
}
