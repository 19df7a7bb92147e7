import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageLocale } from "@/lib/i18n/server";
import { pageMetadata } from "@/lib/i18n/alternates";
import { localizedPath } from "@/lib/i18n/paths";
import { localeOr, type Locale } from "@/lib/i18n/locales";
import { bundleTitle } from "@/lib/catalogue/views";
import { localCountryName, localRegionName } from "@/lib/catalogue/countries";
import { Suspense } from "react";
import { Link } from "@/lib/i18n/navigation";
import { notFound, permanentRedirect } from "next/navigation";
import { canonicalBundleName } from "@/lib/catalogue/plan-redirects";
import { alternativeBundles, getBundle, type BundleDetailView } from "@/lib/catalogue/queries";
import { countryInfo } from "@/lib/catalogue/countries";
import { env } from "@/lib/env";
import {
  formatData,
  formatDuration,
  formatMoney,
  formatPerGb,
  formatSpeeds,
  pluralCountries,
  toDecimalString,
} from "@/lib/format";
import { Breadcrumbs, type Crumb } from "@/components/ui/breadcrumbs";
import { BundleCard } from "@/components/catalogue/bundle-card";
import { ScopeLabel } from "@/components/catalogue/scope-label";
import { PlanNetworks } from "@/components/catalogue/plan-networks";
import { CheckoutError } from "@/components/catalogue/checkout-error";
import { BuyBoxPolicies } from "@/components/catalogue/buy-box-policies";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { CountryFilterList, CountryList } from "@/components/catalogue/country-filter-list";
import { bundleHref, countryHref, destinationsHref, regionHref, regionsHref } from "@/lib/catalogue/hrefs";
import { parseBundleName } from "@/lib/catalogue/bundle-name";
import { DeviceCheck } from "@/components/devices/device-check";
import { PromoCodeForm } from "@/components/promotions/promo-code-form";
import { priceBook, pricesFor, type PriceBook } from "@/lib/currency/display";
import { Money } from "@/components/currency/money";
import { CurrencyField } from "@/components/currency/currency-field";
import { LocaleField } from "@/components/checkout/locale-field";

interface Props {
  params: Promise<{ locale: string; name: string }>;
}

// Rendered per request from the cached catalogue reads, not kept as ISR HTML. Next keeps ISR pages on disk in
// .next, shared by every server started from the build and surviving restarts, while a sync outside a request
// (start-up, the hourly timer) cannot revalidate them: a server on a fresh database served a plan it listed as
// "no longer available" (noindex) from an earlier server's copy for up to the 15-minute backstop. The reads
// underneath stay cached per process (lib/catalogue/cache.ts), so a render costs no database round trip.
export const dynamic = "force-dynamic";

/** Country lists longer than this get a search box and start collapsed. */
const LONG_LIST = 12;

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

async function load(params: Props["params"]): Promise<BundleDetailView> {
  const name = parseBundleName(decodeSegment((await params).name));
  const bundle = name ? await getBundle(name) : null;
  if (!bundle) notFound();
  // A retired plan the shop still sells under another name (moved provider, re-issued): 308 there.
  const canonical = bundle.active ? null : await canonicalBundleName(bundle.name);
  if (canonical) permanentRedirect(localizedPath(localeOr((await params).locale), bundleHref(canonical)));
  return bundle;
}

function destinationName(b: BundleDetailView, locale: Locale): string {
  if (b.scope === "country") return localCountryName(b.country ?? b.countries[0] ?? "", locale);
  const fallback = {
    en: ["worldwide", "multi-country"],
    de: ["weltweit", "mehrere Länder"],
    es: ["en todo el mundo", "varios países"],
  }[locale];
  if (b.scope === "global") return fallback[0]!;
  return b.regionName ? localRegionName(b.region ?? "", locale, b.regionName) : fallback[1]!;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const b = await load(params);
  const t = await getTranslations({ locale, namespace: "store.plan" });
  const price = formatMoney(b.priceMinor, b.currency, locale);
  const title = t("metaTitle", { title: bundleTitle(b, locale), price });
  const description = t("metaDescription", {
    data: formatData(b.dataMb, b.unlimited, locale),
    duration: formatDuration(b.durationDays, locale),
    scope: b.scope === "country" ? "country" : "multi",
    where: b.scope === "country" ? destinationName(b, locale) : pluralCountries(b.countryCount, locale),
    price,
  });
  return {
    ...pageMetadata(bundleHref(b.name), locale, { title, description }),
    // A retired plan keeps its page for old links and orders, but should drop out of search results.
    robots: b.active ? undefined : { index: false, follow: true },
  };
}

export default async function BundlePage({ params }: Props) {
  const locale = await pageLocale(params);
  const t = await getTranslations("store.plan");
  const b = await load(params);
  const where = b.scope === "country" ? destinationName(b, locale) : pluralCountries(b.countryCount, locale);
  const alternatives = b.active ? [] : await alternativeBundles(b.name, 3);
  const price = formatMoney(b.priceMinor, b.currency, locale);
  const perGb = formatPerGb(b.pricePerGbMinor, b.currency, locale);
  const speeds = formatSpeeds(b.speeds, locale);
  const data = formatData(b.dataMb, b.unlimited, locale);
  const duration = formatDuration(b.durationDays, locale);
  const home = b.scope === "country" ? countryInfo(b.country ?? b.countries[0] ?? "") : null;
  const homeName = home ? localCountryName(home.iso, locale) : "";
  const crumbs: Crumb[] = home
    ? [
        { href: "/", label: t("home") },
        { href: destinationsHref, label: t("destinations") },
        { href: countryHref(home.slug), label: homeName },
      ]
    : [
        { href: "/", label: t("home") },
        { href: regionsHref, label: t("regions") },
        ...(b.region
          ? [{ href: regionHref(b.region), label: localRegionName(b.region, locale, b.regionName ?? b.region) }]
          : []),
      ];
  const moreHref = home ? countryHref(home.slug) : b.region ? regionHref(b.region) : destinationsHref;
  // The covered countries by their names in the page's language, in that language's order.
  const covered =
    locale === "en"
      ? b.countriesDetailed.map(({ iso, name, flag }) => ({ iso, name, flag }))
      : b.countriesDetailed
          .map(({ iso, flag }) => ({ iso, flag, name: localCountryName(iso, locale) }))
          .sort((x, y) => x.name.localeCompare(y.name, locale));

  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: `${bundleTitle(b, locale)} eSIM`,
    description: `${data} · ${duration} — ${where}`,
    sku: b.name,
    category: "eSIM data plan",
    brand: { "@type": "Brand", name: "Tern" },
    offers: {
      "@type": "Offer",
      price: toDecimalString(b.priceMinor, b.currency),
      priceCurrency: b.currency,
      availability: b.active ? "https://schema.org/InStock" : "https://schema.org/Discontinued",
      url: `${env().appUrl}${localizedPath(locale, bundleHref(b.name))}`,
    },
  };

  return (
    <div className="container-page py-8 sm:py-10">
      <script
        type="application/ld+json"
        // "<" escaped so a bundle description can never close the script element.
        dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, "\\u003c") }}
      />
      <Breadcrumbs items={[...crumbs, { label: `${data} · ${duration}` }]} />

      <div className="mt-6">
        <ScopeLabel bundle={b} />
        <h1 className="mt-3 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{bundleTitle(b, locale)}</h1>
        <p className="mt-2 text-slate-600">{t("subtitle", { where })}</p>
      </div>

      <div className="mt-6 grid gap-8 lg:mt-8 lg:grid-cols-[1fr_22rem] lg:gap-10">
        <div className="min-w-0">
          <section aria-labelledby="included-heading">
            <h2 id="included-heading" className="text-xl font-semibold text-slate-900">
              {t("whatYouGet")}
            </h2>
            <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
              <Fact label={t("data")} value={data} testId="bundle-data" />
              <Fact label={t("validity")} value={duration} testId="bundle-validity" />
              <Fact label={t("network")} value={speeds || t("localNetworks")} />
              <Fact label={t("coverage")} value={where} />
            </dl>
            <div className="mt-4 rounded-xl border border-brand-200 bg-brand-50 p-4 text-sm leading-relaxed text-brand-950">
              {b.autostart === true ? (
                <p>
                  {t.rich("startsOnConnect", {
                    strong: (chunks) => <strong className="font-semibold">{chunks}</strong>,
                  })}
                </p>
              ) : b.autostart === null ? (
                <p>
                  {t.rich("startsUnknown", { strong: (chunks) => <strong className="font-semibold">{chunks}</strong> })}
                </p>
              ) : (
                <p>
                  {t.rich("startsOnDelivery", {
                    strong: (chunks) => <strong className="font-semibold">{chunks}</strong>,
                  })}
                </p>
              )}
            </div>
            <ul className="mt-4 list-disc space-y-1.5 pl-5 text-sm text-slate-700">
              <li>{t("dataOnly")}</li>
              <li>{t("alongside")}</li>
              {/* Said only where true: the plan's provider can add data to the eSIM it comes on. */}
              {b.active && <li data-testid="plan-topups">{b.topUps ? t("topUps") : t("noTopUps")}</li>}
              {b.hotspot !== null && <li data-testid="plan-hotspot">{b.hotspot ? t("hotspot") : t("noHotspot")}</li>}
              {b.unlimited && <li>{t("fairUse")}</li>}
            </ul>
          </section>

          <PlanNetworks bundle={b} />

          <section aria-labelledby="countries-heading" className="mt-10">
            <h2 id="countries-heading" className="text-xl font-semibold text-slate-900">
              {t("countriesHeading", { count: b.countryCount })}
            </h2>
            <div className="mt-4">
              {b.countriesDetailed.length > LONG_LIST ? (
                <details className="rounded-xl border border-slate-200 p-4">
                  <summary className="font-medium text-brand-700 hover:text-brand-900">
                    {t("showAll", { countries: pluralCountries(b.countryCount, locale) })}
                  </summary>
                  <div className="mt-4">
                    <CountryFilterList countries={covered} />
                  </div>
                </details>
              ) : (
                <CountryList countries={covered} />
              )}
            </div>
          </section>

          <section aria-labelledby="install-heading" className="mt-10">
            <h2 id="install-heading" className="text-xl font-semibold text-slate-900">
              {t("installHeading")}
            </h2>
            <ol className="mt-4 space-y-3">
              {INSTALL_STEPS.map((step, i) => (
                <li key={step} className="flex gap-3">
                  <span
                    className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-brand-700 text-sm font-bold text-white"
                    aria-hidden="true"
                  >
                    {i + 1}
                  </span>
                  <span className="pt-0.5 text-slate-700">{t(`installSteps.${step}`)}</span>
                </li>
              ))}
            </ol>
            <p className="mt-4 text-sm">
              <Link
                href="/help/install"
                className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900"
              >
                {t("installGuide")}
              </Link>
            </p>
          </section>
        </div>

        <div className="order-first lg:order-none">
          <Card className="p-5 sm:p-6 lg:sticky lg:top-6" data-testid="buy-box">
            {b.active ? (
              <BuyBox bundle={b} price={price} perGb={perGb} book={await priceBook()} locale={locale} />
            ) : (
              <div data-testid="unavailable">
                <p className="text-lg font-semibold text-slate-900">{t("unavailable")}</p>
                <p className="mt-2 text-sm text-slate-600">{t("retired")}</p>
                <ButtonLink href={moreHref} className="mt-4 w-full">
                  {home ? t("currentPlansFor", { name: homeName }) : t("currentPlans")}
                </ButtonLink>
              </div>
            )}
          </Card>
        </div>
      </div>

      {alternatives.length > 0 && (
        <section aria-labelledby="alternatives-heading" className="mt-12">
          <h2 id="alternatives-heading" className="text-xl font-semibold text-slate-900">
            {t("similar")}
          </h2>
          <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {alternatives.map((alt) => (
              <BundleCard key={alt.name} bundle={alt} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

const INSTALL_STEPS = ["pay", "install", "arrive"] as const;

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-xl bg-slate-50 p-3">
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd className="mt-1 font-semibold text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

async function BuyBox({
  bundle,
  price,
  perGb,
  book,
  locale,
}: {
  bundle: BundleDetailView;
  price: string;
  perGb: string | null;
  book: PriceBook;
  locale: Locale;
}) {
  const t = await getTranslations("store.plan");
  // The stored price in each currency selling now; the browser shows (and the form charges) the visitor's pick.
  const local =
    book.selling.length > 1 && bundle.currency === book.base
      ? pricesFor(book, bundle.priceMinor, bundle.dataMb, locale)
      : {};
  const prices = Object.fromEntries(Object.entries(local).map(([c, p]) => [c, p.price]));
  const perGbs = Object.fromEntries(Object.entries(local).map(([c, p]) => [c, p.perGb ?? ""]));
  return (
    <>
      <p className="text-sm text-slate-600">{t("oneOff")}</p>
      <p className="mt-1 flex items-baseline gap-2">
        <span className="text-4xl font-bold tracking-tight text-slate-900" data-testid="bundle-price">
          <Money prices={prices} base={price} />
        </span>
        {perGb && (
          <span className="text-sm text-slate-600">
            <Money prices={perGbs} base={perGb} />
          </span>
        )}
      </p>
      {/* Why the last attempt came back here (?error=…); read in the browser so this page stays cached. */}
      <Suspense fallback={null}>
        <CheckoutError />
      </Suspense>
      {/* A plain POST: checkout works without JavaScript; the endpoint answers with a redirect to Stripe. */}
      <form method="post" action="/api/checkout" className="mt-5 space-y-4">
        <input type="hidden" name="bundle" value={bundle.name} />
        <LocaleField />
        <CurrencyField selling={Object.keys(prices)} />
        <Field id="buy-email" label={t("emailLabel")}>
          <Input
            id="buy-email"
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            placeholder="you@example.com"
          />
        </Field>
        <Button type="submit" className="w-full text-lg">
          {t("buyNow")} <Money prices={prices} base={price} />
        </Button>
      </form>
      <BuyBoxPolicies />
      <PromoCodeForm bundleName={bundle.name} selling={Object.keys(prices)} />
      <DeviceCheck />
      <ul className="mt-5 space-y-2 text-sm text-slate-700">
        <li className="flex gap-2">
          <Tick /> {t("tickDelivery")}
        </li>
        <li className="flex gap-2">
          <Tick /> {t("tickRefund")}
        </li>
        <li className="flex gap-2">
          <Tick /> {t("tickStripe")}
        </li>
      </ul>
    </>
  );
}

function Tick() {
  return (
    <svg
      viewBox="0 0 20 20"
      width="18"
      height="18"
      aria-hidden="true"
      focusable="false"
      className="mt-0.5 shrink-0 fill-brand-600"
    >
      <path d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17zm-1.2 12.1L5.3 10.1l1.2-1.2 2.3 2.3 4.7-4.7 1.2 1.2-5.9 5.9z" />
    </svg>
  );
}
