import type { BundleView } from "@/lib/catalogue/queries";
import { countryName } from "@/lib/catalogue/countries";
import { pluralCountries } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { SCOPE_TONE } from "./scope-tone";

type ScopeFields = Pick<BundleView, "scope" | "country" | "regionName" | "countryCount" | "countries">;

/** Where a bundle works, in words: "Japan only", "Regional: Asia · 14 countries", "Global · 120 countries". */
export function scopeText(b: ScopeFields): string {
  if (b.scope === "country") return `${countryName(b.country ?? b.countries[0] ?? "")} only`;
  if (b.scope === "global") return `Global · ${pluralCountries(b.countryCount)}`;
  return `Regional: ${b.regionName ?? "Multi-country"} · ${pluralCountries(b.countryCount)}`;
}

export function ScopeLabel({ bundle }: { bundle: ScopeFields }) {
  return <Badge tone={SCOPE_TONE[bundle.scope]}>{scopeText(bundle)}</Badge>;
}
