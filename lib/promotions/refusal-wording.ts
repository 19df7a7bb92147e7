// The rules word refusals in English for the API and the admin; other languages word them from reason and details.
import { formatMoney } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import type { RefusalDetails } from "./rules";

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
