// Who the shop is: configured once (SHOP_* in lib/env/) and printed wherever a customer or a card network
// expects to find it — policies, the footer, receipts, every email.
import { createTranslator } from "next-intl";
import { env } from "@/lib/env";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";

export interface ShopIdentity {
  /** The trading name customers see ("Tern"). */
  name: string;
  /** The legal entity that sells and issues receipts. */
  legalName: string;
  address: string;
  supportEmail: string;
  supportPhone?: string;
  /** A live-chat or help-desk link. */
  chatUrl?: string;
  companyNumber?: string;
  vatNumber?: string;
  /** Printed on receipts, e.g. "Prices include VAT at 23% where applicable." */
  taxLine?: string;
  /** Whose law governs the terms. */
  jurisdiction: string;
  /** Absolute base URL of the shop. */
  appUrl: string;
}

export function shopIdentity(): ShopIdentity {
  const e = env();
  return { ...e.shop, appUrl: e.appUrl };
}

/** "Company no. X · VAT Y" in the page's language, or null when neither is configured. */
export function registrationLine(shop: ShopIdentity, locale: Locale = defaultLocale): string | null {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "store.policies" });
  const parts = [
    shop.companyNumber ? t("companyNumber", { number: shop.companyNumber }) : null,
    shop.vatNumber ? t("vatNumber", { number: shop.vatNumber }) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}
