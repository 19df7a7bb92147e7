import { useLocale, useTranslations } from "next-intl";
import { getPathname, Link } from "@/lib/i18n/navigation";
import { localCountryName } from "@/lib/catalogue/countries";
import { localeOr } from "@/lib/i18n/locales";
import { ButtonLink } from "@/components/ui/button";
import type { BundleView, ParsedCountryFilters } from "@/lib/catalogue/queries";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { BundleCard } from "./bundle-card";
import { BundleFilters } from "./bundle-filters";
import { destinationsHref } from "@/lib/catalogue/hrefs";
import { ShownPrice } from "@/components/currency/shown-price";

export interface DestinationPlansProps {
  country: { iso: string; slug: string; name: string; flag: string };
  /** The destination's own URL ("/destinations/jp" or "/destinations/japan": whichever was visited). */
  basePath: string;
  filters: ParsedCountryFilters;
  /** Whether `filters` narrow or reorder anything (a filtered view rather than the plain page). */
  filtered: boolean;
  bundles: BundleView[];
  /** Every plan for the destination, before filters. */
  total: number;
  from: { priceMinor: number; currency: string } | null;
  currency: string;
}

/** A destination's plans with the filter form: the body of both the plain page and its filtered view. */
export function DestinationPlans({
  country,
  basePath,
  filters,
  filtered,
  bundles,
  total,
  from,
  currency,
}: DestinationPlansProps) {
  const t = useTranslations("store.destination");
  const locale = localeOr(useLocale());
  const name = localCountryName(country.iso, locale);
  return (
    <div className="container-page py-8 sm:py-10">
      <Breadcrumbs
        items={[{ href: "/", label: t("home") }, { href: destinationsHref, label: t("destinations") }, { label: name }]}
      />
      <div className="mt-5 flex items-start gap-4">
        <span className="flag text-5xl sm:text-6xl" aria-hidden="true">
          {country.flag}
        </span>
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{t("heading", { name })}</h1>
          <p className="mt-2 max-w-2xl text-base text-slate-600">
            {t("count", { count: total, name })}
            {from && (
              <>
                {t("from")}
                <strong className="font-semibold text-slate-900">
                  <ShownPrice minor={from.priceMinor} currency={from.currency} />
                </strong>
              </>
            )}
            {t("intro", { name })}
          </p>
        </div>
      </div>

      <div className="mt-8 grid gap-6 lg:grid-cols-[16rem_1fr] lg:gap-8">
        <div className="lg:sticky lg:top-6 lg:self-start">
          <h2 className="sr-only">{t("filterHeading")}</h2>
          {/* Submits to the filtered view, so this page itself stays static and cached. */}
          <BundleFilters
            action={getPathname({ href: `${basePath}/plans`, locale })}
            clearHref={basePath}
            filters={filters}
            currency={currency}
            active={filtered}
          />
        </div>

        <section aria-labelledby="plans-heading">
          <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="plans-heading" className="text-xl font-semibold text-slate-900">
              {t("plansFor", { name })}
            </h2>
            <p className="text-sm text-slate-600" data-testid="result-count">
              {filtered ? t("matching", { shown: bundles.length, total }) : t("plans", { count: total })}
            </p>
          </div>
          {bundles.length > 0 ? (
            <ul className="grid gap-4 sm:grid-cols-2" data-testid="bundle-list">
              {bundles.map((b) => (
                <BundleCard key={b.name} bundle={b} />
              ))}
            </ul>
          ) : (
            <div className="card flex flex-col items-center gap-3 px-6 py-12 text-center" data-testid="empty-state">
              <p className="text-lg font-semibold text-slate-900">{t("emptyHeading")}</p>
              <p className="max-w-sm text-sm text-slate-600">{t("emptyBody", { name })}</p>
              <ButtonLink href={basePath} variant="secondary" className="mt-2">
                {t("clear")}
              </ButtonLink>
            </div>
          )}
          <p className="mt-8 text-sm text-slate-600">
            {t.rich("newToEsims", {
              link: (chunks) => (
                <Link href="/help/install" className="font-medium text-brand-700 underline underline-offset-2">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </section>
      </div>
    </div>
  );
}
