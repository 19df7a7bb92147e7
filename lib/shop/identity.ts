// Printed wherever a customer or a card network expects to find the seller: policies, footer, receipts, emails.
import { createTranslator } from "next-intl";
import { env } from "@/lib/env";
import { defaultLocale, type Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";

export interface ShopIdentity {
  name: string;
  /** The legal entity that sells and issues receipts. */
  legalName: string;
  address: string;
  supportEmail: string;
  supportPhone?: string;
  chatUrl?: string;
  companyNumber?: string;
  vatNumber?: string;
  taxLine?: string;
  jurisdiction: string;
  appUrl: string;
}

export function shopIdentity(): ShopIdentity {
  const e = env();
  return { ...e.shop, appUrl: e.appUrl };
}

export function registrationLine(shop: ShopIdentity, locale: Locale = defaultLocale): string | null {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "store.policies" });
  const parts = [
    shop.companyNumber ? t("companyNumber", { number: shop.companyNumber }) : null,
    shop.vatNumber ? t("vatNumber", { number: shop.vatNumber }) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}
