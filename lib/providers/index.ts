// The registry: which adapter serves a provider name. Everything outside lib/providers/ reaches a provider
// through this and the port in types.ts, never through an adapter's own client.
import { createEsimGoProvider } from "./esim-go/provider";
import type { EsimProvider } from "./types";

export type { EsimProvider } from "./types";

export function providerFor(name: string): EsimProvider {
  switch (name) {
    case "esim-go":
      // Built per call: cheap, and it follows configuration changes (tests repoint the sandbox).
      return createEsimGoProvider();
    default:
      throw new Error(`No eSIM provider adapter for "${name}"`);
  }
}
