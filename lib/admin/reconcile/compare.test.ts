// The comparison rules on hand-made facts: the kinds that are hard to provoke through the sandbox (a charge
// that differs from the price, a provider order for an unpaid order) and the grace periods.
import { describe, expect, it } from "vitest";
import { findMismatches } from "./compare";
import type { OrderFact, ReconcileFacts, TopupFact } from "./facts";
import { totalsByKind } from "./kinds";
import { toCsv } from "../csv";
import { redact } from "../orders";

const now = new Date("2026-12-01T12:00:00Z");
const hourAgo = new Date(now.getTime() - 3_600_000);

const order = (o: Partial<OrderFact> = {}): OrderFact => ({
  id: "ord_a",
  status: "delivered",
  amountMinor: 499,
  currency: "USD",
  email: "a@example.com",
  stripeCheckoutSessionId: "cs_a",
  stripePaymentIntentId: "pi_a",
  createdAt: hourAgo,
  updatedAt: hourAgo,
  paidAt: hourAgo,
  emailSentAt: hourAgo,
  refundedAt: null,
  hasEsim: true,
  ...o,
});

const facts = (f: Partial<ReconcileFacts>): ReconcileFacts => ({
  sessions: [],
  refunds: [],
  events: [],
  receivedEventIds: new Set(),
  orders: [],
  purchases: [],
  providerOrders: [],
  ...f,
});

const session = {
  id: "cs_a",
  orderId: "ord_a",
  paymentStatus: "paid",
  amountTotal: 499,
  currency: "usd",
  paymentIntent: "pi_a",
  created: hourAgo,
};
const bought = { orderId: "ord_a", provider: "esim-go", attempt: 1, status: "succeeded", reference: "ref-1" };

describe("findMismatches", () => {
  it("finds nothing when Stripe, our order and the provider agree", () => {
    const f = facts({
      sessions: [session],
      orders: [order()],
      purchases: [bought],
      providerOrders: [
        { provider: "esim-go", reference: "ref-1", createdAt: hourAgo, totalMinor: 118, currency: "USD", items: ["b"] },
      ],
    });
    expect(findMismatches(f, { now })).toEqual([]);
  });

  it("lists a charge that differs from the price, with the charged money and a refund as repair", () => {
    const f = facts({
      sessions: [{ ...session, amountTotal: 399, currency: "eur" }],
      orders: [order({ status: "needs_attention" })],
    });
    const [m] = findMismatches(f, { now });
    expect(m).toMatchObject({
      kind: "amount_mismatch",
      amountMinor: 399,
      currency: "EUR",
      repair: "refund_order",
      orderId: "ord_a",
    });
  });

  it("lists a provider order bought for an order Stripe never charged", () => {
    const f = facts({
      orders: [order({ status: "expired", stripePaymentIntentId: null, hasEsim: false, emailSentAt: null })],
      purchases: [bought],
      providerOrders: [
        { provider: "esim-go", reference: "ref-1", createdAt: hourAgo, totalMinor: 118, currency: "USD", items: ["b"] },
      ],
    });
    expect(findMismatches(f, { now })).toMatchObject([
      { kind: "bought_not_paid", amountMinor: 118, reference: "ref-1" },
    ]);
  });

  it("counts a provider order behind a 'failed' attempt as a second purchase", () => {
    const f = facts({
      sessions: [session],
      orders: [order()],
      purchases: [bought, { ...bought, attempt: 2, status: "failed", reference: "ref-2" }],
      providerOrders: [
        { provider: "esim-go", reference: "ref-1", createdAt: hourAgo, totalMinor: 118, currency: "USD", items: ["b"] },
        { provider: "esim-go", reference: "ref-2", createdAt: hourAgo, totalMinor: 118, currency: "USD", items: ["b"] },
      ],
    });
    expect(findMismatches(f, { now })).toMatchObject([{ kind: "bought_twice", amountMinor: 118 }]);
  });

  it("gives work in flight its grace period, and a fully refunded charge is settled", () => {
    const fresh = new Date(now.getTime() - 60_000);
    const f = facts({
      sessions: [{ ...session, created: fresh }],
      orders: [order({ status: "provisioning", hasEsim: false })],
    });
    expect(findMismatches(f, { now })).toEqual([]);
    expect(findMismatches(f, { now, graceMs: 0 })).toMatchObject([{ kind: "paid_not_bought", repair: "retry" }]);
    const refunded = facts({
      sessions: [session],
      orders: [order({ status: "failed", hasEsim: false })],
      refunds: [
        { id: "re_1", paymentIntent: "pi_a", amount: 499, currency: "usd", status: "succeeded", created: hourAgo },
      ],
    });
    expect(findMismatches(refunded, { now })).toEqual([]);
  });

  it("lists a refund on a delivered eSIM only while its bundle can still be used", () => {
    const refund = {
      id: "re_1",
      paymentIntent: "pi_a",
      amount: 200,
      currency: "usd",
      status: "succeeded",
      created: hourAgo,
    };
    const rowsWhen = (bundleState: string | null) =>
      findMismatches(
        facts({ sessions: [session], orders: [order({ bundleState })], purchases: [bought], refunds: [refund] }),
        {
          now,
        },
      ).filter((m) => m.kind === "refunded_but_delivered");
    expect(rowsWhen(null)).toMatchObject([{ amountMinor: 200, currency: "USD", repair: "acknowledge" }]);
    expect(rowsWhen("active")[0]!.summary).toMatch(/active at the provider/);
    expect(rowsWhen("Depleted")).toEqual([]);
    expect(rowsWhen("expired")).toEqual([]);
  });

  it("matches each Issuing charge on our cards to one top-up of the same money, and lists the rest", () => {
    const spend = (id: string, amount: number, at = hourAgo) => ({
      id,
      cardId: "ic_1",
      cardLast4: "4242",
      cardStatus: "canceled",
      amount,
      currency: "usd",
      merchant: "Zendit",
      created: at,
    });
    const topup = (t: Partial<TopupFact> = {}): TopupFact => ({
      id: "wt1",
      provider: "zendit",
      status: "succeeded",
      cardId: "ic_1",
      authorizationId: null,
      amountMinor: 5000,
      currency: "USD",
      createdAt: hourAgo,
      ...t,
    });
    const issuing = (spends: ReturnType<typeof spend>[], topups: TopupFact[]) =>
      findMismatches(facts({ issuingSpends: spends, topups }), { now });

    expect(issuing([spend("iauth_1", 5000)], [topup()])).toEqual([]);
    expect(issuing([spend("iauth_1", 5000)], [topup({ authorizationId: "iauth_1" })])).toEqual([]);
    // A second charge on the card: the first one is the top-up's, the later one is listed.
    const twice = issuing(
      [spend("iauth_2", 5000, new Date(hourAgo.getTime() + 1000)), spend("iauth_1", 5000)],
      [topup()],
    );
    expect(twice).toMatchObject([{ kind: "issuing_spend_unmatched", reference: "iauth_2", amountMinor: 5000 }]);
    expect(twice[0]!.summary).toMatch(/already paid by an earlier charge/);
    expect(issuing([spend("iauth_1", 4000)], [topup()])[0]!.summary).toMatch(/was for 5000 USD/);
    expect(issuing([spend("iauth_1", 5000)], [topup({ status: "failed" })])).toMatchObject([
      { repair: "acknowledge", advice: expect.stringMatching(/wallet for a credit/) },
    ]);
    expect(issuing([{ ...spend("iauth_1", 700), cardStatus: "active" }], [])).toMatchObject([
      { repair: "cancel_card", currency: "USD", amountMinor: 700 },
    ]);
    // A charge in flight gets its grace period.
    expect(issuing([spend("iauth_1", 700, new Date(now.getTime() - 60_000))], [])).toEqual([]);
  });

  it("totals money per kind and per currency, never mixing them", () => {
    const f = facts({
      sessions: [
        { ...session, id: "cs_x", orderId: "ord_gone", amountTotal: 100 },
        { ...session, id: "cs_y", orderId: "ord_gone2", amountTotal: 200, currency: "eur" },
      ],
    });
    const t = totalsByKind(findMismatches(f, { now })).find((k) => k.kind === "paid_not_bought")!;
    expect(t.count).toBe(2);
    expect(t.totals).toEqual([
      { currency: "USD", amountMinor: 100 },
      { currency: "EUR", amountMinor: 200 },
    ]);
  });
});

describe("what leaves the admin area", () => {
  it("CSV quotes cells and defuses formulas", () => {
    expect(toCsv(["a", "b"], [["=HYPERLINK(1)", 'say "hi", ok']])).toBe('a,b\r\n\'=HYPERLINK(1),"say ""hi"", ok"\r\n');
  });

  it("ledger views hide activation codes and keys", () => {
    expect(
      redact({
        esims: [{ iccid: "894", matchingId: "JQ-1", smdpAddress: "rsp" }],
        raw: { lpa: "LPA:1$a$b", note: "LPA:1$x$y" },
      }),
    ).toEqual({
      esims: [{ iccid: "894", matchingId: "[redacted]", smdpAddress: "[redacted]" }],
      raw: { lpa: "[redacted]", note: "[redacted]" },
    });
  });
});
