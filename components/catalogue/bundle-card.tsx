import type { BundleView } from "@/lib/catalogue/queries";
import { formatData, formatDuration, formatMoney, formatPerGb, formatSpeeds } from "@/lib/format";
import { PlanCard, type PlanCardData } from "./plan-card";
import { scopeText } from "./scope-label";
import { bundleHref } from "@/lib/catalogue/hrefs";
import { priceBook, pricesFor, type PriceBook } from "@/lib/currency/display";
import { getLocale } from "next-intl/server";
import { localeOr, type Locale } from "@/lib/i18n/locales";

/** A plan's card as the words a buyer reads, formatted here on the server. */
export function planCardData(bundle: BundleView, book?: PriceBook, locale: Locale = "en"): PlanCardData {
  return {
    ...(book && book.selling.length > 1 ? { prices: pricesFor(book, bundle.priceMinor, bundle.dataMb, locale) } : {}),
    name: bundle.name,
    href: bundleHref(bundle.name),
    scope: bundle.scope,
    where: scopeText(bundle, locale),
    what: `${formatData(bundle.dataMb, bundle.unlimited, locale)} · ${formatDuration(bundle.durationDays, locale)}`,
    price: formatMoney(bundle.priceMinor, bundle.currency, locale),
    perGb: formatPerGb(bundle.pricePerGbMinor, bundle.currency, locale),
    speeds: formatSpeeds(bundle.speeds, locale),
  };
}

/**
 * One plan in a list. The whole card is the link (one tab stop, one big touch target); its accessible name
 * says what, where and how much, so a list of links read out of context stays unambiguous.
 */
export async function BundleCard({
  bundle,
  headingLevel = 3,
  children,
}: {
  bundle: BundleView;
  headingLevel?: 2 | 3;
  /**
   * Extra content under the price (e.g. the countries a regional plan covers). Give it the `plan-card-extra`
   * class, plus `relative z-10` if it is interactive, so it sits above the card's link.
   */
  children?: React.ReactNode;
}) {
  return (
    <PlanCard card={planCardData(bundle, await priceBook(), localeOr(await getLocale()))} headingLevel={headingLevel}>
      {children}
    </PlanCard>
  );
}
