import { REGIONS } from "@/lib/catalogue/countries";
import { formatData } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { emailTranslator } from "@/lib/delivery/templates/i18n";

export interface TitledBundle {
  title: string;
  scope: string;
  countries: string[];
  region?: string | null;
  dataMb: number | null;
  unlimited: boolean;
  durationDays: number;
}

export function bundleTitleIn(b: TitledBundle, locale: Locale): string {
  if (locale === "en") return b.title;
  const t = emailTranslator(locale);
  const data = b.unlimited
    ? t("bundle.unlimited")
    : formatData(b.dataMb, false).replace(/^[\d.]+/, (n) => new Intl.NumberFormat(locale).format(Number(n)));
  return `${placeIn(b, locale)} ${data} · ${t("bundle.days", { count: b.durationDays })}`;
}

function placeIn(b: TitledBundle, locale: Locale): string {
  const t = emailTranslator(locale);
  if (b.scope === "country" && b.countries[0]) {
    return new Intl.DisplayNames([locale], { type: "region" }).of(b.countries[0].toUpperCase()) ?? b.countries[0];
  }
  if (b.scope === "global") return t("bundle.global");
  const region = b.region
    ? REGIONS.find((r) => r.slug === b.region)
    : REGIONS.find((r) => b.title.startsWith(`${r.name} `));
  const names: Record<string, string> = messagesFor(locale).emails.bundle.regions;
  if (region && names[region.slug]) return names[region.slug]!;
  return t("bundle.countries", { count: b.countries.length });
}
