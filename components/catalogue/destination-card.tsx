import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { localCountryName } from "@/lib/catalogue/countries";
import { localeOr } from "@/lib/i18n/locales";
import { countryHref } from "@/lib/catalogue/hrefs";
import { ShownPrice } from "@/components/currency/shown-price";

export interface DestinationSummary {
  iso: string;
  slug: string;
  name: string;
  flag: string;
  fromPriceMinor: number;
  currency: string;
  bundleCount: number;
}

export function DestinationCard({ destination: d }: { destination: DestinationSummary }) {
  const t = useTranslations("store.cards");
  const locale = localeOr(useLocale());
  return (
    <li className="card card-link flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:gap-3 sm:p-4">
      <span className="flag text-3xl" aria-hidden="true">
        {d.flag}
      </span>
      <div className="min-w-0">
        <h3 className="leading-snug font-semibold text-slate-900">
          <Link href={countryHref(d.slug)} className="card-link-target">
            {localCountryName(d.iso, locale)}
          </Link>
        </h3>
        <p className="text-sm text-slate-600">
          {t("from")}{" "}
          <span className="font-semibold text-slate-900">
            <ShownPrice minor={d.fromPriceMinor} currency={d.currency} />
          </span>
        </p>
      </div>
    </li>
  );
}
