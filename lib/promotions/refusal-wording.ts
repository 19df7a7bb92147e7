// A refused code in the buyer's language. The rules word refusals in English for the API and the admin; a
// page in another language says the same thing from the reason and its details, in its own date and money
// formats ("expired on 1. Mai 2021", "at least 10,00 $").
import { formatMoney } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import type { RefusalDetails } from "./rules";

/** A key of `checkout.review.refusals` and its values. */
export interface RefusalWording {
  key: string;
  values?: Record<string, string>;
}

const INTL_TAG: Record<Locale, string> = { en: "en-US", de: "de-DE", es: "es-ES" };

export function refusalWording(reason: string, details: RefusalDetails | undefined, locale: Locale): RefusalWording {
  if (details?.day && (reason === "expired" || reason === "not_started")) {
    const date = new Intl.DateTimeFormat(INTL_TAG[locale], { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(`${details.day}T00:00:00Z`),
    );
    return { key: `${reason}_on`, values: { date } };
  }
  if (reason === "below_minimum" && details?.amountMinor !== undefined && details.currency)
    return { key: "below_minimum_of", values: { amount: formatMoney(details.amountMinor, details.currency, locale) } };
  if (reason === "wrong_currency" && details?.currency)
    return { key: "wrong_currency_in", values: { currency: details.currency } };
  return { key: reason };
}
