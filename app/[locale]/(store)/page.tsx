import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { pageLocale } from "@/lib/i18n/server";
import { pageMetadata } from "@/lib/i18n/alternates";
import { localCountryName } from "@/lib/catalogue/countries";
import { connection } from "next/server";
import { listDestinations, listRegions, popularDestinations } from "@/lib/catalogue/queries";
import { DestinationSearchForm } from "@/components/catalogue/destination-search-form";
import { DestinationCard } from "@/components/catalogue/destination-card";
import { RegionCard } from "@/components/catalogue/region-card";
import { TrustSignals } from "@/components/catalogue/trust-signals";
import { BundleCard } from "@/components/catalogue/bundle-card";
import { featuredBundles } from "@/lib/admin/catalogue";
import { countryHref, destinationsHref, regionsHref } from "@/lib/catalogue/hrefs";

interface Props {
  params: Promise<{ locale: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: "site.meta" });
  return pageMetadata("/", locale, { ogTitle: t("title") });
}

export default async function HomePage({ params }: Props) {
  const locale = await pageLocale(params);
  const t = await getTranslations("store.home");
  // Rendered per request, never at build time: the build has no catalogue (no database, no provider), and a
  // page prerendered empty would be served until the next revalidation. The reads below are cached, so a
  // request costs a render, not a query.
  await connection();
  const [popular, regions, all, featured] = await Promise.all([
    popularDestinations(),
    listRegions(),
    listDestinations(),
    featuredBundles(),
  ]);

  return (
    <>
      <section
        className="border-b border-slate-200 bg-gradient-to-b from-brand-50 to-white"
        aria-labelledby="hero-heading"
      >
        <div className="container-page py-12 sm:py-20">
          <div className="mx-auto max-w-2xl text-center">
            <h1 id="hero-heading" className="text-4xl font-bold tracking-tight text-balance text-slate-900 sm:text-5xl">
              {t("heading")}
            </h1>
            <p className="mt-4 text-lg leading-relaxed text-pretty text-slate-700">
              {t("intro", { count: all.length })}
            </p>
          </div>
          <div className="mx-auto mt-8 max-w-xl">
            <DestinationSearchForm inputId="hero-search" size="lg" />
            {popular.length > 0 && (
              <div className="mt-4 flex flex-wrap items-center justify-center gap-2 text-sm">
                <span className="text-slate-600">{t("popular")}</span>
                {popular.slice(0, 4).map((d) => (
                  <Link
                    key={d.iso}
                    href={countryHref(d.slug)}
                    className="rounded-full border border-slate-300 bg-white px-3 py-1 text-slate-800 hover:border-brand-600 hover:text-brand-800"
                  >
                    <span className="flag mr-1" aria-hidden="true">
                      {d.flag}
                    </span>
                    {localCountryName(d.iso, locale)}
                  </Link>
                ))}
              </div>
            )}
          </div>
        </div>
      </section>

      {/* Plans an admin featured take the place of the popular destinations. */}
      {featured.length > 0 ? (
        <section className="container-page pt-12 sm:pt-16" aria-labelledby="featured-heading">
          <SectionHeading
            id="featured-heading"
            title={t("featured")}
            href={destinationsHref}
            linkLabel={t("allDestinations")}
          />
          <ul className="mt-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {featured.map((b) => (
              <BundleCard key={b.name} bundle={b} />
            ))}
          </ul>
        </section>
      ) : (
        <section className="container-page pt-12 sm:pt-16" aria-labelledby="popular-heading">
          <SectionHeading
            id="popular-heading"
            title={t("popularDestinations")}
            href={destinationsHref}
            linkLabel={t("allDestinations")}
          />
          {popular.length > 0 ? (
            <ul className="mt-6 grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-4">
              {popular.map((d) => (
                <DestinationCard key={d.iso} destination={d} />
              ))}
            </ul>
          ) : (
            <CatalogueEmpty
              text={t.rich("loading", {
                link: (c) => (
                  <Link href="/help/install" className="font-medium text-brand-700 underline">
                    {c}
                  </Link>
                ),
              })}
            />
          )}
        </section>
      )}

      {regions.length > 0 && (
        <section className="container-page pt-12 sm:pt-16" aria-labelledby="regions-heading">
          <SectionHeading
            id="regions-heading"
            title={t("regionsHeading")}
            href={regionsHref}
            linkLabel={t("allRegions")}
          />
          <p className="mt-2 max-w-2xl text-slate-600">{t("regionsIntro")}</p>
          <ul className="mt-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
            {regions.map((r) => (
              <RegionCard key={r.slug} region={r} />
            ))}
          </ul>
        </section>
      )}

      <section className="container-page pt-14 sm:pt-20" aria-labelledby="how-heading">
        <h2 id="how-heading" className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
          {t("howHeading")}
        </h2>
        <ol className="mt-6 grid gap-4 md:grid-cols-3">
          {STEPS.map((step, i) => (
            <li key={step} className="card p-5">
              <span
                className="flex h-9 w-9 items-center justify-center rounded-full bg-brand-700 text-base font-bold text-white"
                aria-hidden="true"
              >
                {i + 1}
              </span>
              <h3 className="mt-4 text-lg font-semibold text-slate-900">
                <span className="sr-only">{t("stepLabel", { n: i + 1 })} </span>
                {t(`steps.${step}.title`)}
              </h3>
              <p className="mt-1.5 text-slate-600">{t(`steps.${step}.body`)}</p>
            </li>
          ))}
        </ol>
        <p className="mt-4 text-sm text-slate-600">
          {t.rich("helpLine", {
            link: (chunks) => (
              <Link
                href="/help/install"
                className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900"
              >
                {chunks}
              </Link>
            ),
          })}
        </p>
      </section>

      <section className="container-page pt-14 sm:pt-20" aria-labelledby="trust-heading">
        <h2 id="trust-heading" className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
          {t("trustHeading")}
        </h2>
        <TrustSignals className="mt-6" />
      </section>
    </>
  );
}

const STEPS = ["choose", "pay", "install"] as const;

function SectionHeading({
  id,
  title,
  href,
  linkLabel,
}: {
  id: string;
  title: string;
  href: string;
  linkLabel: string;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-2">
      <h2 id={id} className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
        {title}
      </h2>
      <Link href={href} className="text-sm font-semibold text-brand-700 hover:text-brand-900 hover:underline">
        {linkLabel} <span aria-hidden="true">→</span>
      </Link>
    </div>
  );
}

function CatalogueEmpty({ text }: { text: React.ReactNode }) {
  return <p className="card mt-6 p-6 text-slate-600">{text}</p>;
}
