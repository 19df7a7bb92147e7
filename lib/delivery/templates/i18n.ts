import { createTranslator } from "next-intl";
import { toDecimalString } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import type { ShopIdentity } from "@/lib/shop/identity";
import { messagesFor } from "@/lib/i18n/messages";
import { localizedPath } from "@/lib/i18n/paths";

const MONEY_LOCALE: Record<Locale, string> = { en: "en-US", de: "de-DE", es: "es-ES" };
const DATE_LOCALE: Record<Locale, string> = { en: "en-GB", de: "de-DE", es: "es-ES" };

const raise = (error: Error) => {
  throw error;
};

export function emailTranslator(locale: Locale) {
  // A message that fails to format is a bug to see in tests, never an email showing its key.
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "emails", onError: raise });
}
export type EmailTranslator = ReturnType<typeof emailTranslator>;

export function formatMoneyIn(locale: Locale, minor: number, currency: string): string {
  return new Intl.NumberFormat(MONEY_LOCALE[locale], { style: "currency", currency: currency.toUpperCase() }).format(
    Number(toDecimalString(minor, currency)),
  );
}

/** One fixed zone, so a retried send is identical. */
export function formatDateTimeIn(locale: Locale, at: Date): string {
  const tag = DATE_LOCALE[locale];
  const date = new Intl.DateTimeFormat(tag, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const time = new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });
  return emailTranslator(locale)("receipt.dateTime", { date: date.format(at), time: time.format(at) });
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
