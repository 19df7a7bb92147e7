import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ReceiptView } from "@/lib/payments/receipts";
import { sampleShop } from "@/test/emails";
import { ReceiptDocument } from "./receipt-document";

const view = (over: Partial<ReceiptView> = {}): ReceiptView => ({
  orderId: "ord_01J9Z6",
  status: "delivered",
  paidAt: "2026-12-07T09:12:00.000Z",
  bundleTitle: "Japan 5 GB · 30 days",
  description: "5 GB, 30 days",
  amountMinor: 123456,
  currency: "EUR",
  card: { brand: "visa", last4: "4242" },
  refund: { amountMinor: 500, at: "2026-12-08T10:00:00.000Z" },
  customerEmail: "erin@example.com",
  locale: "en",
  shop: sampleShop,
  ...over,
});

const render = (v: ReceiptView) => renderToStaticMarkup(createElement(ReceiptDocument, { receipt: v }));

describe("the printed receipt", () => {
  it("is written in the order's language, with its money and dates", () => {
    const de = render(view({ locale: "de" }));
    expect(de).toContain('lang="de"');
    expect(de).toContain(">Quittung</h1>");
    for (const text of ["Bezahlt am", "Rechnung an", "Visa mit Endziffern 4242", "Bezahlt gesamt (EUR)", "USt-IdNr."])
      expect(de).toContain(text);
    expect(de).toContain("1.234,56\u00a0€");
    expect(de).toContain("Erstattet am 8. Dezember 2026");
    expect(de).not.toMatch(/Receipt<|Date paid|Billed to|ending 4242|Total paid/);

    const es = render(view({ locale: "es" }));
    expect(es).toContain(">Recibo</h1>");
    expect(es).toContain("Visa terminada en 4242");
    expect(es).toContain("Reembolsado el 8 de diciembre de 2026");
  });

  it("stays as it was in English", () => {
    const en = render(view());
    expect(en).toContain(">Receipt</h1>");
    expect(en).toContain("Visa ending 4242");
    expect(en).toContain("€1,234.56");
    expect(en).toContain("Total paid (EUR)");
  });
});
