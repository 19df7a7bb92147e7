import { beforeAll, describe, expect, it } from "vitest";
import { androidInstallUrl, appleInstallUrl } from "../links";
import { sampleEsim, sampleShop } from "@/test/emails";
import { renderAdminAlert } from "./admin-alert";
import { QR_CONTENT_ID, renderEsimDeliveredEmail, type EsimDeliveredContent } from "./esim-delivered";
import { escapeHtml } from "./html";
import { renderReceiptEmail, type ReceiptContent } from "./receipt";
import { renderRefundEmail, type RefundContent } from "./refund";
import { renderRefundNoticeEmail, type RefundNoticeContent } from "./refund-notice";

const shop = sampleShop;

const lpa = sampleEsim.lpa;
const delivered = (over: Partial<EsimDeliveredContent> = {}): EsimDeliveredContent => ({
  orderId: "ord_01J9Z6",
  orderUrl: "https://shop.example/orders/ord_01J9Z6?t=secret-token_123",
  bundleTitle: "Japan 5 GB, 30 days",
  ...sampleEsim,
  kind: "new",
  helpUrl: "https://shop.example/help/install",
  locale: "en",
  shop,
  ...over,
});

/** Attribute values come out HTML-escaped; compare against what a mail client would read. */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));

describe("eSIM delivered email (new eSIM)", () => {
  let email: Awaited<ReturnType<typeof renderEsimDeliveredEmail>>;
  beforeAll(async () => {
    email = await renderEsimDeliveredEmail(delivered());
  });

  it("names the bundle in the subject", () => {
    expect(email.subject).toBe("Your eSIM is ready: Japan 5 GB, 30 days");
  });

  it("links both one-tap installs and the private order page", () => {
    expect(hrefs(email.html)).toEqual(
      expect.arrayContaining([
        "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=LPA:1$rsp.truphone.com$JQ-209U6H-6I82J7",
        "https://esimsetup.android.com/esim_qrcode_provisioning?carddata=LPA:1$rsp.truphone.com$JQ-209U6H-6I82J7",
        "https://shop.example/orders/ord_01J9Z6?t=secret-token_123",
        "https://shop.example/help/install",
      ]),
    );
  });

  it("shows the QR inline by content id, with alt text", () => {
    expect(QR_CONTENT_ID).toBe("esim-qr");
    const img = /<img [^>]*src="cid:esim-qr"[^>]*>/.exec(email.html)?.[0];
    expect(img).toBeDefined();
    expect(img).toMatch(/alt="QR code for your eSIM[^"]+"/);
  });

  it("gives the manual codes in HTML and text", () => {
    for (const body of [email.html, email.text]) {
      expect(body).toContain("SM-DP+ address");
      expect(body).toContain("rsp.truphone.com");
      expect(body).toContain("Activation code");
      expect(body).toContain("JQ-209U6H-6I82J7");
      expect(body).toContain(lpa);
    }
  });

  it("has a plain-text part with every link and the steps", () => {
    expect(email.text).toContain(appleInstallUrl(lpa));
    expect(email.text).toContain(androidInstallUrl(lpa));
    expect(email.text).toContain("https://shop.example/orders/ord_01J9Z6?t=secret-token_123");
    expect(email.text).toContain("esim-qr.png");
    expect(email.text).toMatch(/IPHONE STEPS\n\n\s*1\. On your iPhone, open Settings → Mobile Data/);
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it("is built for mail clients: tables and inline styles, no <style> or scripts", () => {
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.html).toContain('<html dir="ltr" lang="en">');
    expect(email.html).toContain('role="presentation"');
    expect(email.html).not.toMatch(/<style|<script|class=/i);
  });

  it("wears the shop's colours and logo, and says who the shop is with its policies", () => {
    expect(email.html).toContain('src="https://shop.example/email-logo.png"');
    expect(email.html).toContain("#0d5a5e");
    for (const body of [email.html, email.text]) {
      expect(body).toContain("Tern Travel Ltd");
      expect(body).toContain("2 Quay Street, Galway, Ireland");
      expect(body).toContain("VAT IE1234567T");
    }
    expect(hrefs(email.html)).toEqual(
      expect.arrayContaining([
        "https://shop.example/terms",
        "https://shop.example/refund-policy",
        "https://shop.example/privacy",
        "https://shop.example/contact",
        "mailto:help@shop.example",
      ]),
    );
    expect(email.text).toContain("Contact us https://shop.example/contact");
  });

  it("is deterministic, so an idempotent retry sends an identical body", async () => {
    expect(await renderEsimDeliveredEmail(delivered())).toEqual(email);
  });

  it("escapes what it interpolates", async () => {
    const nasty = await renderEsimDeliveredEmail(delivered({ bundleTitle: `<script>alert("x")</script>` }));
    expect(nasty.html).not.toContain("<script>");
    expect(nasty.html).toContain(escapeHtml(`<script>alert("x")</script>`));
  });
});

describe("eSIM delivered email (top-up)", () => {
  let email: Awaited<ReturnType<typeof renderEsimDeliveredEmail>>;
  beforeAll(async () => {
    email = await renderEsimDeliveredEmail(delivered({ kind: "topup" }));
  });

  it("says the data went onto the existing eSIM and that no new QR is needed", () => {
    expect(email.subject).toBe("Data added to your eSIM: Japan 5 GB, 30 days");
    for (const body of [email.html, email.text]) {
      expect(body).toContain("the eSIM you already have");
      expect(body).toContain("no new QR code");
      expect(body).toContain("8943108165005471086");
      expect(body).toContain("https://shop.example/orders/ord_01J9Z6?t=secret-token_123");
    }
  });

  it("offers nothing to install a second time", () => {
    expect(email.html).not.toContain("cid:");
    expect(email.html).not.toContain("esimsetup.apple.com");
    expect(email.html).not.toContain("JQ-209U6H-6I82J7");
  });
});

describe("refund email", () => {
  const content = (over: Partial<RefundContent> = {}): RefundContent => ({
    orderId: "ord_01J9Z6",
    orderUrl: "https://shop.example/orders/ord_01J9Z6?t=tok",
    bundleTitle: "Japan 5 GB, 30 days",
    amountMinor: 1299,
    currency: "USD",
    reason: "This bundle is no longer available from our network partner.",
    alternatives: [
      {
        title: "Japan 3 GB, 15 days",
        url: "https://shop.example/bundles/esim_3GB_15D_JP_V2",
        priceMinor: 899,
        currency: "USD",
      },
      {
        title: "Japan 10 GB, 30 days",
        url: "https://shop.example/bundles/esim_10GB_30D_JP_V2",
        priceMinor: 1999,
        currency: "USD",
      },
      {
        title: "Asia 5 GB, 30 days",
        url: "https://shop.example/bundles/esim_5GB_30D_RAS_V2",
        priceMinor: 1599,
        currency: "USD",
      },
      {
        title: "Japan unlimited",
        url: "https://shop.example/bundles/esim_UL_7D_JP_V2",
        priceMinor: 2999,
        currency: "USD",
      },
    ],
    locale: "en",
    shop,
    ...over,
  });

  it("says what happened, the full amount and the 5–10 business days", async () => {
    const email = await renderRefundEmail(content());
    expect(email.subject).toBe("Refund for your Japan 5 GB, 30 days order");
    for (const body of [email.html, email.text]) {
      expect(body).toContain("This bundle is no longer available from our network partner.");
      expect(body).toContain("$12.99");
      expect(body).toContain("5–10 business days");
      expect(body).toContain("https://shop.example/orders/ord_01J9Z6?t=tok");
    }
  });

  it("lists at most three alternatives, with prices", async () => {
    const email = await renderRefundEmail(content());
    expect(hrefs(email.html).filter((h) => h.includes("/bundles/"))).toEqual([
      "https://shop.example/bundles/esim_3GB_15D_JP_V2",
      "https://shop.example/bundles/esim_10GB_30D_JP_V2",
      "https://shop.example/bundles/esim_5GB_30D_RAS_V2",
    ]);
    expect(email.html).toContain("$8.99");
    expect(email.text).toMatch(/Asia 5 GB, 30 days https:\/\/shop.example\/bundles\/esim_5GB_30D_RAS_V2\s+— \$15\.99/);
    expect(email.text).not.toContain("unlimited");
  });

  it("leaves the alternatives section out when there are none", async () => {
    const email = await renderRefundEmail(content({ alternatives: [] }));
    expect(email.html).not.toContain("Other eSIMs");
    expect(email.text).not.toContain("OTHER ESIMS");
  });
});

describe("admin alert", () => {
  it("prefixes the subject and escapes the text", async () => {
    const email = await renderAdminAlert({
      subject: "eSIM Go balance low",
      text: "Balance $3.10 < cost $4.50 for <order ord_1>",
    });
    expect(email.subject).toBe("[Tern] eSIM Go balance low");
    expect(email.html).toContain("&lt;order ord_1&gt;");
    expect(email.text).toContain("Balance $3.10 < cost $4.50 for <order ord_1>");
  });

  it("does not tag a subject twice", async () => {
    expect((await renderAdminAlert({ subject: "[Tern] Order ord_1 needs attention", text: "x" })).subject).toBe(
      "[Tern] Order ord_1 needs attention",
    );
  });
});

describe("receipt email", () => {
  const receipt = (over: Partial<ReceiptContent> = {}): ReceiptContent => ({
    orderId: "ord_01J9Z6",
    paidAt: new Date("2026-12-07T09:12:30Z"),
    bundleTitle: "Japan 5 GB, 30 days",
    description: "5 GB of data for 30 days in Japan",
    amountMinor: 1299,
    currency: "USD",
    card: { brand: "visa", last4: "4242" },
    refundedMinor: null,
    customerEmail: "erin@example.com",
    receiptUrl: "https://shop.example/orders/ord_01J9Z6/receipt?t=tok",
    locale: "en",
    shop,
    ...over,
  });

  it("says what, when, how much, paid how, and from whom — in HTML and plain text", async () => {
    const email = await renderReceiptEmail(receipt());
    expect(email.subject).toBe("Your receipt from Tern — order ord_01J9Z6");
    for (const body of [email.html, email.text]) {
      expect(body).toContain("ord_01J9Z6");
      expect(body).toContain("7 December 2026, 09:12 UTC");
      expect(body).toContain("Japan 5 GB, 30 days");
      expect(body).toContain("$12.99");
      expect(body).toContain("Visa ending 4242");
      expect(body).toContain("Sold by Tern Travel Ltd, 2 Quay Street, Galway, Ireland · VAT IE1234567T");
      expect(body).toContain("erin@example.com");
    }
    expect(hrefs(email.html)).toContain("https://shop.example/orders/ord_01J9Z6/receipt?t=tok");
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it("prints the tax line only when configured, and a refund when there was one", async () => {
    expect((await renderReceiptEmail(receipt())).text).not.toContain("VAT at");
    const taxed = await renderReceiptEmail(
      receipt({ shop: { ...shop, taxLine: "Prices include VAT at 23%." }, refundedMinor: 500 }),
    );
    expect(taxed.text).toContain("Prices include VAT at 23%.");
    expect(taxed.text).toMatch(/Refunded:\s+\$5\.00/);
  });
});

describe("refund notice email", () => {
  const notice = (over: Partial<RefundNoticeContent> = {}): RefundNoticeContent => ({
    orderId: "ord_01J9Z6",
    orderUrl: "https://shop.example/account",
    bundleTitle: "Japan 5 GB, 30 days",
    refundMinor: 500,
    totalRefundedMinor: 500,
    amountMinor: 1299,
    currency: "USD",
    delivered: true,
    locale: "en",
    shop,
    ...over,
  });

  it("names a partial refund's amount and what is left of the total", async () => {
    const email = await renderRefundNoticeEmail(notice());
    expect(email.subject).toBe("Refund of $5.00 for your Japan 5 GB, 30 days order");
    expect(email.text).toContain("$5.00 refunded so far of the $12.99 you paid");
    expect(email.text).not.toContain("refunded in full");
  });

  it("says a full refund is full", async () => {
    const email = await renderRefundNoticeEmail(notice({ refundMinor: 799, totalRefundedMinor: 1299 }));
    expect(email.text).toContain("We've refunded $7.99");
    expect(email.text).toContain("refunded in full");
    expect(hrefs(email.html)).toContain("https://shop.example/contact");
  });
});
