// The pure parts of resellers: partner pricing, statement months and CSV, top-up amounts, signatures.
import { describe, expect, it } from "vitest";
import { partnerPrice } from "./pricing";
import { monthRange, statementCsv, type Statement } from "./ledger";
import { parseAmount } from "./balance-topups";
import { signatureHeader, verifySignature } from "./signature";

const bundle = { priceMinor: 1000, currency: "USD", wholesaleMinor: 600, wholesaleCurrency: "USD" };

describe("partnerPrice", () => {
  it("discounts retail or marks up wholesale, in the partner's currency only", () => {
    expect(partnerPrice({ pricingKind: "discount", pricingBps: 1500, currency: "USD" }, bundle)).toBe(850);
    expect(partnerPrice({ pricingKind: "markup", pricingBps: 2000, currency: "USD" }, bundle)).toBe(720);
    expect(partnerPrice({ pricingKind: "markup", pricingBps: 1, currency: "USD" }, bundle)).toBe(601);
    expect(partnerPrice({ pricingKind: "discount", pricingBps: 0, currency: "EUR" }, bundle)).toBeNull();
  });
  it("never sells at or below wholesale", () => {
    expect(partnerPrice({ pricingKind: "discount", pricingBps: 4000, currency: "USD" }, bundle)).toBeNull();
    expect(partnerPrice({ pricingKind: "markup", pricingBps: 0, currency: "USD" }, bundle)).toBeNull();
  });
});

describe("statements", () => {
  it("takes YYYY-MM only and spans the UTC month", () => {
    expect(monthRange("2026-02")).toEqual({
      from: new Date("2026-02-01T00:00:00Z"),
      to: new Date("2026-03-01T00:00:00Z"),
    });
    expect(monthRange("2026-12")!.to).toEqual(new Date("2027-01-01T00:00:00Z"));
    for (const bad of ["2026-13", "2026-1", "26-01", "2026-01-01", "", "2026-00"]) expect(monthRange(bad)).toBeNull();
  });
  it("writes negative amounts as numbers and defuses formula-looking memos", () => {
    const s: Statement = {
      month: "2026-11",
      ...monthRange("2026-11")!,
      openingMinor: 1000,
      closingMinor: 551,
      debitsMinor: -449,
      creditsMinor: 0,
      lines: [
        {
          id: 1,
          transactionId: 1,
          kind: "order",
          reference: "order:ord_1",
          orderId: "ord_1",
          memo: '=HYPERLINK("x"), "quoted"',
          amountMinor: -449,
          currency: "USD",
          createdAt: new Date("2026-11-02T10:00:00Z"),
        },
      ],
    };
    const rows = statementCsv(s).trimEnd().split("\r\n");
    expect(rows[0]).toBe("date,kind,reference,order_id,amount_minor,currency,memo");
    expect(rows[1]).toContain("opening_balance,,,1000,USD");
    expect(rows[2]).toBe(`2026-11-02T10:00:00.000Z,order,order:ord_1,ord_1,-449,USD,"'=HYPERLINK(""x""), ""quoted"""`);
    expect(rows[3]).toContain("closing_balance,,,551,USD");
  });
});

describe("parseAmount", () => {
  it("turns decimal text into minor units without floating point", () => {
    expect(parseAmount("100", "USD")).toBe(10000);
    expect(parseAmount("100.5", "USD")).toBe(10050);
    expect(parseAmount("0.29", "USD")).toBe(29);
    expect(parseAmount("500", "JPY")).toBe(500);
    for (const bad of ["", "1.234", "-5", "1e3", "abc", "5.", "1,5"]) expect(parseAmount(bad, "USD")).toBeNull();
    expect(parseAmount("5.5", "JPY")).toBeNull();
  });
});

describe("signatures", () => {
  it("verifies its own header, and refuses a tampered body, another secret or an old timestamp", () => {
    const now = 1_800_000_000;
    const header = signatureHeader("whsec_a", '{"id":1}', now);
    expect(verifySignature("whsec_a", header, '{"id":1}', now)).toBe(true);
    expect(verifySignature("whsec_a", header, '{"id":2}', now)).toBe(false);
    expect(verifySignature("whsec_b", header, '{"id":1}', now)).toBe(false);
    expect(verifySignature("whsec_a", header, '{"id":1}', now + 301)).toBe(false);
    expect(verifySignature("whsec_a", "garbage", '{"id":1}', now)).toBe(false);
  });
});
