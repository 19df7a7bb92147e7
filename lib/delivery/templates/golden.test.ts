// What a customer receives, byte for byte: each email's HTML and plain text are pinned in golden/, so a change to
// how emails are rendered (not what they say) is proven not to change them. A deliberate wording or design
// change rewrites the files with `npx vitest run lib/delivery/templates/golden.test.ts -u`, reviewed in the diff.
import { describe, expect, it } from "vitest";
import type { Locale } from "@/lib/i18n/locales";
import type { ShopIdentity } from "@/lib/shop/identity";
import { sampleEsim, sampleShop } from "@/test/emails";
import { renderEsimDeliveredEmail } from "./esim-delivered";
import type { RenderedEmail } from "./html";
import { shopLink } from "./i18n";
import { renderReceiptEmail } from "./receipt";
import { renderRefundEmail } from "./refund";
import { renderRefundNoticeEmail } from "./refund-notice";

const shop: ShopIdentity = {
  ...sampleShop,
  companyNumber: "654321",
  taxLine: "Prices include VAT at 23%.",
};

const cases: Record<string, (locale: Locale) => Promise<RenderedEmail>> = {
  delivered: (locale) =>
    renderEsimDeliveredEmail({
      orderId: "ord_01J9Z6",
      orderUrl: shopLink(shop.appUrl, locale, "/orders/ord_01J9Z6?t=tok"),
      bundleTitle: "Japan 5 GB, 30 days <&>",
      ...sampleEsim,
      kind: "new",
      helpUrl: shopLink(shop.appUrl, locale, "/help/install"),
      locale,
      shop,
    }),
  topup: (locale) =>
    renderEsimDeliveredEmail({
      orderId: "ord_01J9Z7",
      orderUrl: shopLink(shop.appUrl, locale, "/orders/ord_01J9Z7?t=tok"),
      bundleTitle: "Japan 1 GB, 7 days",
      ...sampleEsim,
      kind: "topup",
      helpUrl: shopLink(shop.appUrl, locale, "/help/install"),
      locale,
      shop,
    }),
  receipt: (locale) =>
    renderReceiptEmail({
      orderId: "ord_01J9Z6",
      paidAt: new Date("2026-12-07T09:12:30Z"),
      bundleTitle: "Japan 5 GB, 30 days",
      description: "5 GB of data for 30 days in Japan",
      amountMinor: 123456,
      currency: "EUR",
      card: { brand: "visa", last4: "4242" },
      refundedMinor: 500,
      customerEmail: "erin@example.com",
      receiptUrl: shopLink(shop.appUrl, locale, "/orders/ord_01J9Z6/receipt?r=sig"),
      locale,
      shop,
    }),
  "receipt-jpy-no-card": (locale) =>
    renderReceiptEmail({
      orderId: "ord_01J9Z8",
      paidAt: new Date("2026-01-31T23:59:59Z"),
      bundleTitle: "Japan 5 GB, 30 days",
      description: "5 GB of data for 30 days in Japan",
      amountMinor: 1980,
      currency: "jpy",
      card: null,
      refundedMinor: null,
      customerEmail: "erin@example.com",
      receiptUrl: shopLink(shop.appUrl, locale, "/orders/ord_01J9Z8/receipt?r=sig"),
      locale,
      shop: { ...shop, taxLine: undefined, companyNumber: undefined, vatNumber: undefined },
    }),
  refund: (locale) =>
    renderRefundEmail({
      orderId: "ord_01J9Z6",
      orderUrl: shopLink(shop.appUrl, locale, "/orders/ord_01J9Z6?t=tok"),
      bundleTitle: "Japan 5 GB, 30 days",
      amountMinor: 1299,
      currency: "USD",
      reason: "Our network partner could not issue this eSIM.",
      alternatives: [
        { title: "Japan 3 GB", url: shopLink(shop.appUrl, locale, "/bundles/a"), priceMinor: 899, currency: "USD" },
        { title: "Asia 5 GB", url: shopLink(shop.appUrl, locale, "/bundles/b"), priceMinor: 1599, currency: "USD" },
      ],
      locale,
      shop,
    }),
  "refund-notice": (locale) =>
    renderRefundNoticeEmail({
      orderId: "ord_01J9Z6",
      orderUrl: shopLink(shop.appUrl, locale, "/account"),
      bundleTitle: "Japan 5 GB, 30 days",
      refundMinor: 500,
      totalRefundedMinor: 500,
      amountMinor: 1299,
      currency: "GBP",
      delivered: true,
      locale,
      shop,
    }),
};

describe.each(["en", "de", "es"] as const)("customer emails in %s, exactly as sent", (locale) => {
  it.each(Object.keys(cases))("%s", async (name) => {
    const email = await cases[name]!(locale);
    // Twice: a cache warmed by the first render must not change the second (a retried send must be identical).
    expect(await cases[name]!(locale)).toEqual(email);
    await expect(`${email.subject}\n`).toMatchFileSnapshot(`golden/${name}.${locale}.subject.txt`);
    await expect(email.html).toMatchFileSnapshot(`golden/${name}.${locale}.html`);
    await expect(email.text).toMatchFileSnapshot(`golden/${name}.${locale}.txt`);
  });
});
