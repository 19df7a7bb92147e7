// Customer emails in the order's language: words, links into the shop under the locale's prefix, money and
// dates the way the locale writes them.
import { describe, expect, it } from "vitest";
import { orderAccessUrl } from "@/lib/orders/ids";
import { receiptUrl } from "@/lib/payments/receipts";
import { sampleEsim, sampleShop } from "@/test/emails";
import { renderUsageAlertEmail } from "@/lib/usage/email";
import { env } from "@/lib/env";
import { bundleTitleIn } from "@/lib/catalogue/localized-title";
import { renderEsimDeliveredEmail } from "./esim-delivered";
import { shopLink } from "./i18n";
import { renderReceiptEmail } from "./receipt";
import { renderRefundEmail } from "./refund";
import { renderRefundNoticeEmail } from "./refund-notice";

const shop = sampleShop;
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
/** Intl puts a no-break space between amount and euro sign. */
const nb = (s: string) => s.replace(/ /g, "\u00a0");

describe("a German order's delivery email", () => {
  const render = (kind: "new" | "topup") =>
    renderEsimDeliveredEmail({
      orderId: "ord_01J9Z6",
      orderUrl: shopLink(shop.appUrl, "de", "/orders/ord_01J9Z6?t=tok"),
      bundleTitle: "Japan 5 GB · 30 Tage",
      ...sampleEsim,
      kind,
      helpUrl: shopLink(shop.appUrl, "de", "/help/install"),
      locale: "de",
      shop,
    });

  it("has a German subject, body, install steps and buttons", async () => {
    const email = await render("new");
    expect(email.subject).toBe("Deine eSIM ist bereit: Japan 5 GB · 30 Tage");
    expect(email.html).toContain('lang="de"');
    for (const body of [email.html, email.text]) {
      expect(body).toContain("Danke für deine Bestellung.");
      expect(body).toContain("Auf dem iPhone installieren");
      expect(body).toContain("SM-DP+-Adresse");
      expect(body).toContain("Aktivierungscode");
      expect(body).toContain("Einstellungen → Mobilfunk → eSIM hinzufügen");
      expect(body).toContain("Datenroaming");
      expect(body).not.toMatch(/Your eSIM|Thanks for|Install on|Activation code|Settings →|Contact us|Refund policy/);
    }
    expect(email.text).toMatch(/SCHRITTE FÜR DAS IPHONE\n\n\s*1\. Öffne auf deinem iPhone Einstellungen → Mobilfunk/);
    expect(email.html).toMatch(/alt="QR-Code für deine eSIM[^"]+"/);
  });

  it("links the order page, guide, contact and policies under /de/", async () => {
    const links = hrefs((await render("new")).html).filter((h) => h.startsWith(shop.appUrl));
    expect(links).toEqual(
      expect.arrayContaining([
        "https://shop.example/de/orders/ord_01J9Z6?t=tok",
        "https://shop.example/de/help/install",
        "https://shop.example/de/contact",
        "https://shop.example/de/terms",
        "https://shop.example/de/refund-policy",
        "https://shop.example/de/privacy",
      ]),
    );
    expect(links.filter((h) => !h.startsWith(`${shop.appUrl}/de/`) && !h.endsWith("/email-logo.png"))).toEqual([]);
  });

  it("a German top-up is German too, with no QR", async () => {
    const email = await render("topup");
    expect(email.subject).toBe("Datenvolumen zu deiner eSIM hinzugefügt: Japan 5 GB · 30 Tage");
    expect(email.text).toContain("Du musst nichts installieren und bekommst keinen neuen QR-Code");
    expect(email.html).not.toContain("cid:");
  });

  it("writes EUR amounts and dates the German way on the receipt", async () => {
    const email = await renderReceiptEmail({
      orderId: "ord_01J9Z6",
      paidAt: new Date("2026-12-07T09:12:00Z"),
      bundleTitle: "Japan 5 GB · 30 Tage",
      description: "5 GB, 30 Tage",
      amountMinor: 123456,
      currency: "EUR",
      card: { brand: "visa", last4: "4242" },
      refundedMinor: 500,
      customerEmail: "erin@example.com",
      receiptUrl: receiptUrl("ord_01J9Z6", "de"),
      locale: "de",
      shop,
    });
    expect(email.subject).toBe("Deine Quittung von Tern – Bestellung ord_01J9Z6");
    for (const body of [email.html, email.text]) {
      expect(body).toContain(nb("1.234,56 €"));
      expect(body).toContain(nb("5,00 €"));
      expect(body).toContain("7. Dezember 2026, 09:12 UTC");
      expect(body).toContain("Visa mit Endziffern 4242");
      expect(body).toContain("USt-IdNr. IE1234567T");
      expect(body).not.toContain("€1,234.56");
    }
    expect(hrefs(email.html)).toContain(
      `${env().appUrl}/de/orders/ord_01J9Z6/receipt?r=${new URL(receiptUrl("ord_01J9Z6")).searchParams.get("r")}`,
    );
  });
});

describe("Spanish refund emails", () => {
  it("the refund notice is Spanish, with Spanish amounts and /es/ links", async () => {
    const email = await renderRefundNoticeEmail({
      orderId: "ord_01J9Z6",
      orderUrl: `${shop.appUrl}/account`,
      bundleTitle: "Japón 5 GB · 30 días",
      refundMinor: 500,
      totalRefundedMinor: 500,
      amountMinor: 1299,
      currency: "EUR",
      delivered: true,
      locale: "es",
      shop,
    });
    expect(email.subject).toBe(`Reembolso de ${nb("5,00 €")} de tu pedido de Japón 5 GB · 30 días`);
    expect(email.html).toContain('lang="es"');
    expect(email.text).toContain(`Te hemos reembolsado ${nb("5,00 €")}`);
    expect(email.text).toContain(`Hasta ahora se han reembolsado ${nb("5,00 €")} de los ${nb("12,99 €")} que pagaste.`);
    expect(email.text).toContain("5 a 10 días hábiles");
    expect(email.text).not.toMatch(/refunded|Refund|Order |Contact us/);
    expect(hrefs(email.html)).toContain("https://shop.example/es/contact");
  });

  it("the failed-delivery refund translates the reason and links alternatives in Spanish", async () => {
    const email = await renderRefundEmail({
      orderId: "ord_01J9Z6",
      orderUrl: orderAccessUrl("ord_01J9Z6", "tok", "es"),
      bundleTitle: "Japón 5 GB · 30 días",
      amountMinor: 1299,
      currency: "EUR",
      reason: "Our network partner could not issue this eSIM.",
      alternatives: [
        {
          title: "Japón 3 GB",
          url: shopLink(shop.appUrl, "es", "/bundles/esim_3GB"),
          priceMinor: 899,
          currency: "EUR",
        },
      ],
      locale: "es",
      shop,
    });
    expect(email.subject).toBe("Reembolso de tu pedido de Japón 5 GB · 30 días");
    expect(email.text).toContain("Nuestro socio de red no ha podido emitir esta eSIM.");
    expect(email.text).toContain(nb("8,99 €"));
    expect(email.text).not.toContain("network partner");
    expect(hrefs(email.html)).toEqual(
      expect.arrayContaining([
        `${env().appUrl}/es/orders/ord_01J9Z6?t=tok`,
        "https://shop.example/es/bundles/esim_3GB",
      ]),
    );
  });

  it("a reason with no translation is left out rather than shown in English", async () => {
    const email = await renderRefundEmail({
      orderId: "ord_1",
      orderUrl: "https://shop.example/es/orders/ord_1?t=x",
      bundleTitle: "Japón",
      amountMinor: 1299,
      currency: "EUR",
      reason: "Something only an admin wrote.",
      alternatives: [],
      locale: "es",
      shop,
    });
    expect(email.text).not.toContain("Something only an admin wrote.");
  });
});

describe("usage alerts", () => {
  it("speak the language of the order that bought the eSIM", () => {
    const email = renderUsageAlertEmail({
      kind: "used-80",
      bundleTitle: "Japan 5 GB",
      iccid: "8943108165005471086",
      topUpUrl: "https://shop.example/account/esims/8943108165005471086#top-up",
      accountUrl: "https://shop.example/account",
      locale: "de",
    });
    expect(email.subject).toBe("Du hast 80 % deines eSIM-Datenvolumens verbraucht");
    expect(email.html).toContain('lang="de"');
    expect(email.text).toContain("Japan 5 GB · eSIM mit Endziffern 1086");
    expect(email.html).toContain(">Diese eSIM aufladen<");
    expect(email.text).not.toContain("emails.");
    expect(email.html).toMatch(/in <a href="https:\/\/shop.example\/account"[^>]*>deinem Konto<\/a>/);
  });
});

describe("plan titles", () => {
  it("are written in the customer's language, English unchanged", () => {
    const plan = {
      title: "United Kingdom 1.5 GB · 7 days",
      scope: "country",
      countries: ["GB"],
      dataMb: 1500,
      unlimited: false,
      durationDays: 7,
    };
    expect(bundleTitleIn(plan, "en")).toBe("United Kingdom 1.5 GB · 7 days");
    expect(bundleTitleIn(plan, "de")).toBe("Vereinigtes Königreich 1,5 GB · 7 Tage");
    expect(bundleTitleIn({ ...plan, durationDays: 1 }, "es")).toBe("Reino Unido 1,5 GB · 1 día");
    const regional = {
      ...plan,
      scope: "regional",
      countries: ["AE", "EG"],
      title: "Middle East & North Africa Unlimited · 30 days",
      unlimited: true,
      dataMb: null,
      durationDays: 30,
    };
    expect(bundleTitleIn(regional, "de")).toBe("Naher Osten & Nordafrika Unbegrenzt · 30 Tage");
    expect(bundleTitleIn({ ...regional, title: "2 countries Unlimited · 30 days" }, "es")).toBe(
      "2 países Ilimitado · 30 días",
    );
  });
});
