// Which adapter serves a provider name. Tests swap in their own with `setProviderOverride`.
import { createEsimGoProvider } from "@/lib/providers/esim-go/provider";
import type { EsimProvider } from "@/lib/providers/types";

let override: ((name: string) => EsimProvider | undefined) | undefined;

export function providerFor(name: string): EsimProvider {
  const custom = override?.(name);
  if (custom) return custom;
  switch (name) {
    case "esim-go":
      // Built per call: cheap, and it follows configuration changes (tests repoint the sandbox).
      return createEsimGoProvider();
    default:
      throw new Error(`No eSIM provider adapter for "${name}"`);
  }
}

/** For tests: answer `providerFor` with this function first (undefined falls through). */
export function setProviderOverride(fn: ((name: string) => EsimProvider | undefined) | undefined): void {
  override = fn;
}
