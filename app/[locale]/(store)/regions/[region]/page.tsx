import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { pageMetadata } from "@/lib/i18n/alternates";
import { Link } from "@/lib/i18n/navigation";
import { notFound } from "next/navigation";
import { bundlesForRegion, getRegion, listDestinations } from "@/lib/catalogue/queries";
import { countryInfo, localCountryName, localRegionName } from "@/lib/catalogue/countries";
import { formatMoney, pluralCountries } from "@/lib/format";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { countryHref, regionHref, regionsHref } from "@/lib/catalogue/hrefs";
import { BundleCard } from "@/components/catalogue/bundle-card";
import { ShownPrice } from "@/components/currency/shown-price";

interface Props {
  params: Promise<{ locale: string; region: string }>;
}

// ISR: nothing at build time (no catalogue there), each region rendered on first visit and cached; the
// catalogue sync revalidates it through the "catalogue" tag of the reads below.
export const revalidate = 3600;
export async function generateStaticParams(): Promise<{ region: string }[]> {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const region = await getRegion((await params).region);
  if (!region) notFound();
  const bundles = await bundlesForRegion(region.slug);
  const cheapest = bundles[0];
  const t = await getTranslations({ locale, namespace: "store.region" });
  const values = {
    global: region.slug === "global" ? "yes" : "no",
    name: localRegionName(region.slug, locale, region.name),
    countries: pluralCountries(region.countries.length, locale),
    hasPrice: cheapest ? "yes" : "no",
    price: cheapest ? formatMoney(cheapest.priceMinor, cheapest.currency, locale) : "",
  };
  const title = t("metaTitle", values);
  const description = t("metaDescription", values);
  const canonical = regionHref(region.slug);
  return pageMetadata(canonical, locale, { title, description });
}

export default async function RegionPage({ params }: Props) {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "store.region" });
  const region = await getRegion((await params).region);
  if (!region) notFound();
  const [bundles, destinations] = await Promise.all([bundlesForRegion(region.slug), listDestinations()]);
  const sold = new Map(destinations.map((d) => [d.iso, d.slug]));
  const cheapest = bundles[0];
  const global = region.slug === "global" ? "yes" : "no";
  const name = localRegionName(region.slug, locale, region.name);
  const countryName = (iso: string, fallback: string) => (locale === "en" ? fallback : localCountryName(iso, locale));
  // English keeps the catalogue's order; the other languages list the countries by their own names.
  const countries =
    locale === "en"
      ? region.countries
      : region.countries
          .map((c) => ({ ...c, name: localCountryName(c.iso, locale) }))
          .sort((x, y) => x.name.localeCompare(y.name, locale));

  return (
    <div className="container-page py-8 sm:py-10">
      <Breadcrumbs
        items={[{ href: "/", label: t("home") }, { href: regionsHref, label: t("regions") }, { label: name }]}
      />
      <h1 className="mt-5 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
        {t("heading", { global, name })}
      </h1>
      <p className="mt-2 max-w-2xl text-slate-600">
        {t.rich("intro", {
          countries: pluralCountries(region.countries.length, locale),
          hasPrice: cheapest ? "yes" : "no",
          price: () =>
            cheapest && (
              <strong className="font-semibold text-slate-900">
                <ShownPrice minor={cheapest.priceMinor} currency={cheapest.currency} />
              </strong>
            ),
        })}
      </p>

      <section aria-labelledby="plans-heading" className="mt-8">
        <h2 id="plans-heading" className="text-xl font-semibold text-slate-900">
          {t("plans", { count: bundles.length })}
        </h2>
        {bundles.length > 0 ? (
          <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="bundle-list">
            {bundles.map((b) => (
              <BundleCard key={b.name} bundle={b}>
                {/* Most plans cover the whole region: only list countries for the ones that don't. */}
                {b.countryCount >= region.countries.length ? (
                  <p className="plan-card-extra text-sm text-slate-600">
                    {t("coversAll", { countries: pluralCountries(b.countryCount, locale) })}
                  </p>
                ) : (
                  <details className="plan-card-extra relative z-10 text-sm">
                    <summary className="font-medium text-brand-700 hover:text-brand-900">
                      {t("coversSome", { count: b.countryCount, total: region.countries.length })}
                    </summary>
                    <ul className="mt-2 columns-2 gap-4 text-slate-700">
                      {b.countries
                        .map(countryInfo)
                        .map((c) => ({ ...c, name: countryName(c.iso, c.name) }))
                        .sort((x, y) => x.name.localeCompare(y.name, locale))
                        .map((c) => (
                          <li key={c.iso} className="break-inside-avoid py-0.5">
                            {c.name}
                          </li>
                        ))}
                    </ul>
                  </details>
                )}
              </BundleCard>
            ))}
          </ul>
        ) : (
          <p className="card mt-4 p-6 text-slate-600">{t("empty")}</p>
        )}
      </section>

      <section aria-labelledby="countries-heading" className="mt-12">
        <h2 id="countries-heading" className="text-xl font-semibold text-slate-900">
          {t("countriesHeading", { global, name })}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("countriesNote")}</p>
        <ul className="mt-4 grid gap-x-6 gap-y-1 sm:grid-cols-2 lg:grid-cols-4">
          {countries.map((c) => {
            const slug = sold.get(c.iso);
            const label = (
              <>
                <span className="flag text-xl" aria-hidden="true">
                  {c.flag}
                </span>
                <span>{c.name}</span>
              </>
            );
            return (
              <li key={c.iso}>
                {slug ? (
                  <Link
                    href={countryHref(slug)}
                    prefetch={false}
                    className="flex items-center gap-2 rounded-md px-2 py-1.5 text-slate-800 hover:bg-slate-50 hover:text-brand-800"
                  >
                    {label}
                  </Link>
                ) : (
                  <span className="flex items-center gap-2 px-2 py-1.5 text-slate-700">{label}</span>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
