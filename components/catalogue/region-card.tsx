import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { localRegionName } from "@/lib/catalogue/countries";
import { localeOr } from "@/lib/i18n/locales";
import { pluralCountries } from "@/lib/format";
import type { RegionSummary } from "@/lib/catalogue/queries";
import { regionHref } from "@/lib/catalogue/hrefs";
import { ShownPrice } from "@/components/currency/shown-price";

export function RegionCard({ region: r, headingLevel = 3 }: { region: RegionSummary; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const t = useTranslations("store.cards");
  const locale = localeOr(useLocale());
  return (
    <li className="card card-link flex flex-col justify-between gap-4 p-4 sm:p-5">
      <div>
        <Heading className="text-lg font-semibold text-slate-900">
          <Link href={regionHref(r.slug)} className="card-link-target">
            {localRegionName(r.slug, locale, r.name)}
          </Link>
        </Heading>
        <p className="mt-1 text-sm text-slate-600">
          {t("regionSummary", { countries: pluralCountries(r.countryCount, locale), plans: r.bundleCount })}
        </p>
      </div>
      <p className="text-sm text-slate-600">
        {t("from")}{" "}
        <span className="text-lg font-bold text-slate-900">
          <ShownPrice minor={r.fromPriceMinor} currency={r.currency} />
        </span>
      </p>
    </li>
  );
}
