import { describe, expect, it } from "vitest";
import { decidePaidSession, decideRefund, type OrderFacts } from "./decide";

const order = (over: Partial<OrderFacts> = {}): OrderFacts => ({
  status: "pending_payment",
  amountMinor: 499,
  currency: "USD",
  stripeCheckoutSessionId: "cs_1",
  deliveredAt: null,
  ...over,
});
const session = (
  over: Partial<{ id: string; paymentStatus: string; amountTotal: number | null; currency: string | null }> = {},
) => ({ id: "cs_1", paymentStatus: "paid", amountTotal: 499, currency: "usd", ...over });

describe("decidePaidSession", () => {
  it("marks a pending order paid when amount and currency match (currency case-insensitively)", () => {
    expect(decidePaidSession(order(), session())).toEqual({ kind: "mark_paid" });
  });

  it("fulfils a payment that arrives after the order expired: the customer was charged", () => {
    expect(decidePaidSession(order({ status: "expired" }), session())).toEqual({ kind: "mark_paid" });
  });

  it("does nothing for a second event of a payment already applied", () => {
    for (const status of [
      "paid",
      "provisioning",
      "delivered",
      "installed",
      "failed",
      "refunded",
      "needs_attention",
    ] as const) {
      expect(decidePaidSession(order({ status }), session())).toEqual({ kind: "already_paid" });
    }
  });

  it("waits while a delayed payment method has not settled", () => {
    expect(decidePaidSession(order(), session({ paymentStatus: "unpaid" }))).toEqual({ kind: "not_paid" });
  });

  it("parks an amount or currency mismatch for an admin instead of fulfilling", () => {
    expect(decidePaidSession(order(), session({ amountTotal: 100 }))).toMatchObject({
      kind: "needs_attention",
      reason: "amount_mismatch",
    });
    expect(decidePaidSession(order(), session({ currency: "eur" }))).toMatchObject({
      kind: "needs_attention",
      reason: "amount_mismatch",
    });
    expect(decidePaidSession(order(), session({ amountTotal: null }))).toMatchObject({
      kind: "needs_attention",
      reason: "amount_mismatch",
    });
  });

  it("parks a payment of some other session, and one after a reported failure", () => {
    expect(decidePaidSession(order(), session({ id: "cs_other" }))).toMatchObject({
      kind: "needs_attention",
      reason: "session_mismatch",
    });
    expect(decidePaidSession(order({ status: "payment_failed" }), session())).toMatchObject({
      kind: "needs_attention",
      reason: "paid_after_payment_failed",
    });
  });
});

describe("decideRefund", () => {
  it("moves failed and parked orders to refunded", () => {
    expect(decideRefund({ status: "failed" }, { fullyRefunded: true, amountRefunded: 499 })).toEqual({
      kind: "mark_refunded",
    });
    expect(decideRefund({ status: "needs_attention" }, { fullyRefunded: true, amountRefunded: 499 })).toEqual({
      kind: "mark_refunded",
    });
  });

  it("stops fulfilment of an order refunded from the dashboard before delivery", () => {
    expect(decideRefund({ status: "paid" }, { fullyRefunded: true, amountRefunded: 499 })).toEqual({
      kind: "stop_and_mark_refunded",
    });
    expect(decideRefund({ status: "provisioning" }, { fullyRefunded: true, amountRefunded: 499 })).toEqual({
      kind: "stop_and_mark_refunded",
    });
  });

  it("moves a fully refunded delivered order to refunded, and records partial refunds only", () => {
    expect(decideRefund({ status: "delivered" }, { fullyRefunded: true, amountRefunded: 499 })).toEqual({
      kind: "mark_refunded",
    });
    expect(decideRefund({ status: "installed" }, { fullyRefunded: true, amountRefunded: 499 })).toEqual({
      kind: "mark_refunded",
    });
    expect(decideRefund({ status: "delivered" }, { fullyRefunded: false, amountRefunded: 100 })).toMatchObject({
      kind: "record_only",
    });
    expect(decideRefund({ status: "provisioning" }, { fullyRefunded: false, amountRefunded: 100 })).toMatchObject({
      kind: "record_only",
    });
    expect(decideRefund({ status: "refunded" }, { fullyRefunded: true, amountRefunded: 499 })).toEqual({
      kind: "already_refunded",
    });
  });
});
