// The registry: which adapter serves a provider name. Everything outside lib/providers/ reaches a provider
// through this and the port in types.ts, never through an adapter's own client.
import { walletFunding } from "@/lib/funding";
import { createEsimGoProvider } from "./esim-go/provider";
import { createZenditProvider } from "./zendit/provider";
import type { EsimProvider } from "./types";

export type { EsimProvider } from "./types";

export function providerFor(name: string): EsimProvider {
  switch (name) {
    case "esim-go":
      // Built per call: cheap, and it follows configuration changes (tests repoint the sandbox).
      return createEsimGoProvider();
    case "zendit":
      // Zendit sells from a prepaid wallet: each purchase makes sure the wallet covers it first.
      return createZenditProvider({ funding: walletFunding("zendit") });
    default:
      throw new Error(`No eSIM provider adapter for "${name}"`);
  }
}
