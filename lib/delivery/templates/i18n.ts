import { createTranslator } from "next-intl";
import { formatMoney } from "@/lib/format";
import { perLocale, type Locale } from "@/lib/i18n/locales";
import type { ShopIdentity } from "@/lib/shop/identity";
import { messagesFor } from "@/lib/i18n/messages";
import { localizedPath } from "@/lib/i18n/paths";

const DATE_LOCALE: Record<Locale, string> = { en: "en-GB", de: "de-DE", es: "es-ES" };

const raise = (error: Error) => {
  throw error;
};

function translatorFor(locale: Locale) {
  // A message that fails to format is a bug to see in tests, never an email showing its key.
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "emails", onError: raise });
}
export type EmailTranslator = ReturnType<typeof translatorFor>;

// One per locale for the process: a translator keeps each message it has parsed, and a new one would parse
// (and build Intl formatters for) every message of every email again.
export const emailTranslator: (locale: Locale) => EmailTranslator = perLocale(translatorFor);

export function formatMoneyIn(locale: Locale, minor: number, currency: string): string {
  return formatMoney(minor, currency, locale);
}

// One fixed zone, so a retried send is identical.
const dateTimeFormats = perLocale((locale) => ({
  date: new Intl.DateTimeFormat(DATE_LOCALE[locale], {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }),
  time: new Intl.DateTimeFormat(DATE_LOCALE[locale], {
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: "UTC",
  }),
}));

export function formatDateTimeIn(locale: Locale, at: Date): string {
  const f = dateTimeFormats(locale);
  return emailTranslator(locale)("receipt.dateTime", { date: f.date.format(at), time: f.time.format(at) });
}

export function shopLink(appUrl: string, locale: Locale, path: string): string {
  return `${appUrl}${localizedPath(locale, path)}`;
}

export function registrationIn(t: EmailTranslator, shop: ShopIdentity): string | null {
  const parts = [
    shop.companyNumber ? t("layout.companyNumber", { number: shop.companyNumber }) : null,
    shop.vatNumber ? t("layout.vatNumber", { number: shop.vatNumber }) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

export function cardLabel(t: EmailTranslator, card: { brand: string | null; last4: string } | null): string {
  if (!card) return t("receipt.card");
  const brand = card.brand ? card.brand.charAt(0).toUpperCase() + card.brand.slice(1) : t("receipt.card");
  return t("receipt.cardEnding", { brand, last4: card.last4 });
}
