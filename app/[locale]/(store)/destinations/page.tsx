import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { pageMetadata } from "@/lib/i18n/alternates";
import { localCountryName } from "@/lib/catalogue/countries";
import { Link } from "@/lib/i18n/navigation";
import { connection } from "next/server";
import { listDestinations } from "@/lib/catalogue/queries";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { DestinationSearchForm } from "@/components/catalogue/destination-search-form";
import { countryHref } from "@/lib/catalogue/hrefs";
import { ShownPrice } from "@/components/currency/shown-price";

interface Props {
  params: Promise<{ locale: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "store.destinations" });
  return pageMetadata("/destinations", locale, {
    title: t("metaTitle"),
    description: t("metaDescription"),
    ogTitle: `${t("metaTitle")} · Tern`,
  });
}

/** First letter for grouping, without accents ("Åland" files under A). */
function letterOf(name: string): string {
  return name.normalize("NFD").charAt(0).toUpperCase();
}

export default async function DestinationsPage({ params }: Props) {
  const locale = await pageLocale(params);
  const t = await getTranslations("store.destinations");
  // Per request from the cached catalogue: the build has no catalogue to prerender (see the home page).
  await connection();
  // Named and sorted in the page's language: Deutschland files under D on /de, Alemania under A on /es.
  const destinations = (await listDestinations())
    .map((d) => ({ ...d, name: localCountryName(d.iso, locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  const groups = new Map<string, typeof destinations>();
  for (const d of destinations) {
    const letter = letterOf(d.name);
    groups.set(letter, [...(groups.get(letter) ?? []), d]);
  }

  return (
    <div className="container-page py-8 sm:py-10">
      <Breadcrumbs items={[{ href: "/", label: t("home") }, { label: t("crumb") }]} />
      <div className="mt-5 flex flex-col gap-6 md:flex-row md:items-end md:justify-between">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{t("heading")}</h1>
          <p className="mt-2 max-w-xl text-slate-600">{t("intro", { count: destinations.length })}</p>
        </div>
        <div className="w-full md:max-w-sm">
          <DestinationSearchForm inputId="destinations-search" label={t("find")} />
        </div>
      </div>

      {groups.size > 0 && (
        <nav aria-label={t("jump")} className="mt-8">
          <ul className="flex flex-wrap gap-1">
            {[...groups.keys()].map((letter) => (
              <li key={letter}>
                <a
                  href={`#letter-${letter}`}
                  className="flex h-9 w-9 items-center justify-center rounded-md border border-slate-200 text-sm font-semibold text-slate-700 hover:border-brand-600 hover:text-brand-800"
                >
                  {letter}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}

      <div className="mt-8 space-y-10">
        {[...groups].map(([letter, list]) => (
          <section key={letter} aria-labelledby={`letter-${letter}`}>
            <h2
              id={`letter-${letter}`}
              className="scroll-mt-6 border-b border-slate-200 pb-2 text-xl font-bold text-slate-900"
            >
              {letter}
            </h2>
            <ul className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
              {list.map((d) => (
                <li key={d.iso}>
                  <Link href={countryHref(d.slug)} prefetch={false} className="dest-row">
                    <span className="flag text-2xl" aria-hidden="true">
                      {d.flag}
                    </span>
                    <span>{d.name}</span>
                    <span>
                      {t("from")} <ShownPrice minor={d.fromPriceMinor} currency={d.currency} />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>

      {destinations.length === 0 && <p className="card mt-8 p-6 text-slate-600">{t("loading")}</p>}
    </div>
  );
}
