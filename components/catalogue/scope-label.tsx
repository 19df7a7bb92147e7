import type { BundleView } from "@/lib/catalogue/queries";
import { useLocale } from "next-intl";
import { localCountryName, localRegionName } from "@/lib/catalogue/countries";
import { pluralCountries } from "@/lib/format";
import { localeOr, type Locale } from "@/lib/i18n/locales";
import { Badge } from "@/components/ui/badge";
import { SCOPE_TONE } from "./scope-tone";

type ScopeFields = Pick<BundleView, "scope" | "country" | "region" | "regionName" | "countryCount" | "countries">;

const WORDS: Record<Locale, { only: (name: string) => string; global: string; regional: string; multi: string }> = {
  en: { only: (n) => `${n} only`, global: "Global", regional: "Regional", multi: "Multi-country" },
  de: { only: (n) => `Nur ${n}`, global: "Weltweit", regional: "Regional", multi: "Mehrere Länder" },
  es: { only: (n) => `Solo ${n}`, global: "Global", regional: "Regional", multi: "Varios países" },
};

/** Where a bundle works, in words: "Japan only", "Regional: Asia · 14 countries", "Global · 120 countries". */
export function scopeText(b: ScopeFields, locale: Locale = "en"): string {
  const w = WORDS[locale];
  if (b.scope === "country") return w.only(localCountryName(b.country ?? b.countries[0] ?? "", locale));
  if (b.scope === "global") return `${w.global} · ${pluralCountries(b.countryCount, locale)}`;
  const region = b.regionName ? localRegionName(b.region ?? "", locale, b.regionName) : w.multi;
  return `${w.regional}: ${region} · ${pluralCountries(b.countryCount, locale)}`;
}

export function ScopeLabel({ bundle }: { bundle: ScopeFields }) {
  return <Badge tone={SCOPE_TONE[bundle.scope]}>{scopeText(bundle, localeOr(useLocale()))}</Badge>;
}
