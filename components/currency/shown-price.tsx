// A base-currency price as the visitor sees it: rendered in the base currency on the server (pages stay
// cacheable), carrying the stored price of each currency selling now for the browser to show the picked one.
import { getLocale } from "next-intl/server";
import { formatMoney } from "@/lib/format";
import { localeOr } from "@/lib/i18n/locales";
import { formattedPrices, priceBook } from "@/lib/currency/display";
import { Money } from "./money";

export async function ShownPrice({ minor, currency }: { minor: number; currency: string }) {
  const locale = localeOr(await getLocale());
  const base = formatMoney(minor, currency, locale);
  const book = await priceBook();
  if (book.selling.length < 2 || currency !== book.base) return <>{base}</>;
  return <Money prices={formattedPrices(book, minor, locale)} base={base} />;
}
