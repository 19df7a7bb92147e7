import type { Metadata } from "next";
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
  params: Promise<{ name: string }>;
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
  if (canonical) permanentRedirect(bundleHref(canonical));
  return bundle;
}

function destinationName(b: BundleDetailView): string {
  if (b.scope === "country") return countryInfo(b.country ?? b.countries[0] ?? "").name;
  return b.scope === "global" ? "worldwide" : (b.regionName ?? "multi-country");
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const b = await load(params);
  const price = formatMoney(b.priceMinor, b.currency);
  const title = `${b.title} eSIM — ${price}`;
  const description = `${formatData(b.dataMb, b.unlimited)} of data for ${formatDuration(b.durationDays)}, ${
    b.scope === "country" ? `in ${destinationName(b)}` : `across ${pluralCountries(b.countryCount)}`
  }, for ${price}. Instant delivery by email; install by QR code or one tap.`;
  const canonical = bundleHref(b.name);
  return {
    title,
    description,
    alternates: { canonical },
    openGraph: { title, description, url: canonical },
    // A retired plan keeps its page for old links and orders, but should drop out of search results.
    robots: b.active ? undefined : { index: false, follow: true },
  };
}

export default async function BundlePage({ params }: Props) {
  const b = await load(params);
  const alternatives = b.active ? [] : await alternativeBundles(b.name, 3);
  const price = formatMoney(b.priceMinor, b.currency);
  const perGb = formatPerGb(b.pricePerGbMinor, b.currency);
  const speeds = formatSpeeds(b.speeds);
  const home = b.scope === "country" ? countryInfo(b.country ?? b.countries[0] ?? "") : null;
  const crumbs: Crumb[] = home
    ? [
        { href: "/", label: "Home" },
        { href: destinationsHref, label: "Destinations" },
        { href: countryHref(home.slug), label: home.name },
      ]
    : [
        { href: "/", label: "Home" },
        { href: regionsHref, label: "Regions" },
        ...(b.region ? [{ href: regionHref(b.region), label: b.regionName ?? b.region }] : []),
      ];
  const moreHref = home ? countryHref(home.slug) : b.region ? regionHref(b.region) : destinationsHref;

  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: `${b.title} eSIM`,
    description: `${formatData(b.dataMb, b.unlimited)} mobile data for ${formatDuration(b.durationDays)} — ${b.scope === "country" ? destinationName(b) : pluralCountries(b.countryCount)}.`,
    sku: b.name,
    category: "eSIM data plan",
    brand: { "@type": "Brand", name: "Tern" },
    offers: {
      "@type": "Offer",
      price: toDecimalString(b.priceMinor, b.currency),
      priceCurrency: b.currency,
      availability: b.active ? "https://schema.org/InStock" : "https://schema.org/Discontinued",
      url: `${env().appUrl}${bundleHref(b.name)}`,
    },
  };

  return (
    <div className="container-page py-8 sm:py-10">
      <script
        type="application/ld+json"
        // "<" escaped so a bundle description can never close the script element.
        dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, "\\u003c") }}
      />
      <Breadcrumbs
        items={[...crumbs, { label: `${formatData(b.dataMb, b.unlimited)} · ${formatDuration(b.durationDays)}` }]}
      />

      <div className="mt-6">
        <ScopeLabel bundle={b} />
        <h1 className="mt-3 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{b.title}</h1>
        <p className="mt-2 text-slate-600">
          Prepaid travel eSIM ·{" "}
          {b.scope === "country" ? `works in ${destinationName(b)}` : `works in ${pluralCountries(b.countryCount)}`}
        </p>
      </div>

      <div className="mt-6 grid gap-8 lg:mt-8 lg:grid-cols-[1fr_22rem] lg:gap-10">
        <div className="min-w-0">
          <section aria-labelledby="included-heading">
            <h2 id="included-heading" className="text-xl font-semibold text-slate-900">
              What you get
            </h2>
            <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
              <Fact label="Data" value={formatData(b.dataMb, b.unlimited)} testId="bundle-data" />
              <Fact label="Validity" value={formatDuration(b.durationDays)} testId="bundle-validity" />
              <Fact label="Network" value={speeds || "Local partner networks"} />
              <Fact
                label="Coverage"
                value={b.scope === "country" ? destinationName(b) : pluralCountries(b.countryCount)}
              />
            </dl>
            <div className="mt-4 rounded-xl border border-brand-200 bg-brand-50 p-4 text-sm leading-relaxed text-brand-950">
              {b.autostart === true ? (
                <p>
                  <strong className="font-semibold">When does it start?</strong> The validity period starts when the
                  eSIM first connects to a network in a covered country — so you can buy and install it before you
                  travel.
                </p>
              ) : b.autostart === null ? (
                <p>
                  <strong className="font-semibold">When does it start?</strong> This network does not say whether the
                  validity period starts at the first connection or when the plan is delivered, so buy it shortly before
                  you travel.
                </p>
              ) : (
                <p>
                  <strong className="font-semibold">When does it start?</strong> The validity period starts as soon as
                  the plan is delivered to your eSIM, so buy it shortly before you travel.
                </p>
              )}
            </div>
            <ul className="mt-4 list-disc space-y-1.5 pl-5 text-sm text-slate-700">
              <li>Data only: no phone number. Keep your own SIM for calls and texts.</li>
              <li>Works alongside your home SIM on any unlocked eSIM-capable phone.</li>
              {/* Said only where true: the plan's provider can add data to the eSIM it comes on. */}
              {b.active && (
                <li data-testid="plan-topups">
                  {b.topUps
                    ? "Top-ups available: add data to this eSIM later from your account, with no new QR code."
                    : "No top-ups: for more data later, buy another plan (a new eSIM to install)."}
                </li>
              )}
              {b.unlimited && (
                <li>Unlimited plans may slow down after heavy daily use under the network&apos;s fair-use policy.</li>
              )}
            </ul>
          </section>

          <PlanNetworks bundle={b} />

          <section aria-labelledby="countries-heading" className="mt-10">
            <h2 id="countries-heading" className="text-xl font-semibold text-slate-900">
              {b.countryCount === 1 ? "Where it works" : `Countries covered (${b.countryCount})`}
            </h2>
            <div className="mt-4">
              {b.countriesDetailed.length > LONG_LIST ? (
                <details className="rounded-xl border border-slate-200 p-4">
                  <summary className="font-medium text-brand-700 hover:text-brand-900">
                    Show all {pluralCountries(b.countryCount)}
                  </summary>
                  <div className="mt-4">
                    <CountryFilterList
                      countries={b.countriesDetailed.map(({ iso, name, flag }) => ({ iso, name, flag }))}
                    />
                  </div>
                </details>
              ) : (
                <CountryList countries={b.countriesDetailed} />
              )}
            </div>
          </section>

          <section aria-labelledby="install-heading" className="mt-10">
            <h2 id="install-heading" className="text-xl font-semibold text-slate-900">
              Installing takes two minutes
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
                  <span className="pt-0.5 text-slate-700">{step}</span>
                </li>
              ))}
            </ol>
            <p className="mt-4 text-sm">
              <Link
                href="/help/install"
                className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900"
              >
                Full install guide for iPhone and Android
              </Link>
            </p>
          </section>
        </div>

        <div className="order-first lg:order-none">
          <Card className="p-5 sm:p-6 lg:sticky lg:top-6" data-testid="buy-box">
            {b.active ? (
              <BuyBox bundle={b} price={price} perGb={perGb} book={await priceBook()} />
            ) : (
              <div data-testid="unavailable">
                <p className="text-lg font-semibold text-slate-900">This plan is no longer available</p>
                <p className="mt-2 text-sm text-slate-600">
                  Our provider has retired it. Already bought it? Your eSIM keeps working — see your account page.
                </p>
                <ButtonLink href={moreHref} className="mt-4 w-full">
                  See current plans{home ? ` for ${home.name}` : ""}
                </ButtonLink>
              </div>
            )}
          </Card>
        </div>
      </div>

      {alternatives.length > 0 && (
        <section aria-labelledby="alternatives-heading" className="mt-12">
          <h2 id="alternatives-heading" className="text-xl font-semibold text-slate-900">
            Similar plans you can buy
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

const INSTALL_STEPS = [
  "Pay, and your eSIM arrives by email within seconds — it's also on your account page.",
  "On Wi-Fi, tap “Install” on your iPhone or scan the QR code (Android and iPhone).",
  "When you arrive, turn on the eSIM and data roaming for it. That's it — you're online.",
];

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

function BuyBox({
  bundle,
  price,
  perGb,
  book,
}: {
  bundle: BundleDetailView;
  price: string;
  perGb: string | null;
  book: PriceBook;
}) {
  // The stored price in each currency selling now; the browser shows (and the form charges) the visitor's pick.
  const local =
    book.selling.length > 1 && bundle.currency === book.base ? pricesFor(book, bundle.priceMinor, bundle.dataMb) : {};
  const prices = Object.fromEntries(Object.entries(local).map(([c, p]) => [c, p.price]));
  const perGbs = Object.fromEntries(Object.entries(local).map(([c, p]) => [c, p.perGb ?? ""]));
  return (
    <>
      <p className="text-sm text-slate-600">One-off price, no subscription</p>
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
        <Field id="buy-email" label="Email for your eSIM (optional — you can enter it at checkout)">
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
          Buy now — <Money prices={prices} base={price} />
        </Button>
      </form>
      <BuyBoxPolicies />
      <PromoCodeForm bundleName={bundle.name} selling={Object.keys(prices)} />
      <DeviceCheck />
      <ul className="mt-5 space-y-2 text-sm text-slate-700">
        <li className="flex gap-2">
          <Tick /> Delivered by email in seconds
        </li>
        <li className="flex gap-2">
          <Tick /> Full refund if we can&apos;t deliver it
        </li>
        <li className="flex gap-2">
          <Tick /> Secure payment by Stripe
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
