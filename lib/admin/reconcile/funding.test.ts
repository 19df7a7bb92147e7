// The reconcile's Zendit and Stripe Issuing sides against the real sandbox: a Zendit purchase made outside
// the shop, a charge on one of our Issuing cards that no top-up made, and a declined top-up — each produced
// the way it happens in life, listed with the right kind and money, and settled by its repair.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { testDbKinds } from "@/lib/db/testing";
import { auditLog, walletTopups } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { stripe } from "@/lib/payments/stripe";
import { ensureCardholder, forgetCardholder, isMissingCardholder } from "@/lib/funding/issuing";
import { zenditClient } from "@/lib/providers/zendit/client";
import { transactionIdFor } from "@/lib/providers/zendit/transaction-ids";
import { deliverEvent, drain, orderRow, paidOrder, type Harness, useHarness } from "@/test/harness";
import { testActor } from "@/test/actors";
import { declineIssuingAuthorizations, seedZenditOffer, ZENDIT_OFFER as OFFER } from "@/test/zendit";
import { attentionQueue } from "../attention-queue";
import { getOrderDetail } from "../orders";
import type { Mismatch } from "./kinds";
import { reconcile, recentWindow } from "./run";
import { repairMismatch } from "./repair";
import { reportCsv, runReconcileRequest } from "./api";

const admin = testActor({ ip: "203.0.113.9" });

describe.each(testDbKinds())("reconcile of Zendit and Issuing on %s", (kind) => {
  const h = useHarness(kind);
  beforeAll(async () => {
    process.env.ZENDIT_WALLET_BUFFER_MINOR = "300";
    resetEnvCache();
  });
  afterAll(async () => {
    delete process.env.ZENDIT_WALLET_BUFFER_MINOR;
    resetEnvCache();
  });
  beforeEach(async () => {
    h.sandbox.app.config.zendit.stepDelayMs = 30;
    h.sandbox.app.config.stripe.issuingAuthorizationUrl = undefined;
    await seedZenditOffer(h.db, { sandbox: h.sandbox });
  });

  const run = () => reconcile(h.db, recentWindow(1), { graceMs: 0, eventGraceMs: 0 });
  const rowsOf = async (kind: Mismatch["kind"]) => (await run()).mismatches.filter((m) => m.kind === kind);
  const repair = (m: Mismatch, extra: { note?: string; reference?: string } = {}) =>
    repairMismatch(
      h.db,
      {
        key: m.key,
        kind: m.kind,
        repair: m.repair,
        orderId: m.orderId,
        reference: m.reference,
        amountMinor: m.amountMinor,
        currency: m.currency,
        ...extra,
      },
      admin,
    );

  /** A Zendit order through checkout, payment, top-up, purchase and delivery. */
  async function deliveredZenditOrder() {
    const { orderId, event } = await paidOrder(h, { bundle: OFFER });
    await deliverEvent(event);
    for (let i = 0; i < 60 && (await orderRow(h.db, orderId)).status !== "delivered"; i++) {
      await drain(h.db, { maxRounds: 3 });
      await new Promise((r) => setTimeout(r, 40));
    }
    expect((await orderRow(h.db, orderId)).status).toBe("delivered");
    return orderId;
  }

  it("a Zendit purchase made outside the shop is unlinked, with Zendit's cost; the shop's own is linked", async () => {
    const orderId = await deliveredZenditOrder();
    const offer = await zenditClient().offer(OFFER);
    // Someone else with the API key buys from the same (now topped-up) wallet.
    await h.sandbox.control("POST", "/zendit/balance", { availableBalance: 100_000 });
    await zenditClient().createPurchase({ offerId: OFFER, transactionId: "outsidepurchase1" });

    const rows = await rowsOf("unlinked_provider_order");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      reference: "outsidepurchase1",
      orderId: null,
      amountMinor: offer.cost!.fixed,
      currency: "USD",
      repair: "acknowledge",
    });
    expect(rows[0]!.summary).toMatch(/zendit/);
    expect(rows[0]!.advice).toMatch(/Zendit/);
    // The shop's own purchase (and the top-up's Issuing charge that paid for it) agree with our ledgers.
    const report = await run();
    expect(report.mismatches.filter((m) => m.reference === transactionIdFor(orderId, 1))).toEqual([]);
    expect(report.mismatches.filter((m) => m.kind === "issuing_spend_unmatched")).toEqual([]);
    expect(report.totals.find((t) => t.kind === "unlinked_provider_order")!.totals).toEqual([
      { currency: "USD", amountMinor: offer.cost!.fixed },
    ]);

    const csv = reportCsv(report).split("\r\n");
    expect(csv[0]).toContain("what_to_do");
    expect(csv.find((l) => l.includes("outsidepurchase1"))).toMatch(/^unlinked_provider_order,.*,USD,/);

    // Two admins acknowledge at once: one records it, the other is told; only the one that did is audited.
    const note = { note: "Our partner's test purchase; Zendit refunded it." };
    const both = await Promise.all([repair(rows[0]!, note), repair(rows[0]!, note)]);
    expect(both.map((r) => r.outcome).sort()).toEqual(["applied", "no_change"]);
    const audited = await h.db.select().from(auditLog).where(eq(auditLog.targetId, rows[0]!.key));
    expect(audited.map((a) => a.outcome)).toEqual(["applied"]);
    expect(await rowsOf("unlinked_provider_order")).toEqual([]);
  });

  it("a Zendit order bought twice (a second purchase for the same order) is listed with the extra cost", async () => {
    const orderId = await deliveredZenditOrder();
    const offer = await zenditClient().offer(OFFER);
    await h.sandbox.control("POST", "/zendit/balance", { availableBalance: 100_000 });
    // A second attempt's transaction id reached Zendit while our ledger kept it as failed (an answer lost).
    const second = transactionIdFor(orderId, 2);
    await zenditClient().createPurchase({ offerId: OFFER, transactionId: second });
    await h.db.execute(
      sql`insert into provider_purchases (order_id, provider, attempt, status, provider_reference, error)
          values (${orderId}, 'zendit', 2, 'failed', ${second}, 'no answer')`,
    );
    const [row] = await rowsOf("bought_twice");
    expect(row).toMatchObject({ orderId, amountMinor: offer.cost!.fixed, currency: "USD" });
    expect(row!.reference).toContain(second);
  });

  it("a charge on our Issuing card that no top-up made: listed with its money; cancel the card, then acknowledge", async () => {
    const card = await ourCard(h);
    const revealed = await stripe().issuing.cards.retrieve(card.id, { expand: ["number", "cvc"] });
    const charged = await h.sandbox.control<{ approved: boolean; authorizationId: string }>(
      "POST",
      "/stripe/issuing/authorizations",
      {
        number: revealed.number,
        cvc: revealed.cvc,
        expMonth: revealed.exp_month,
        expYear: revealed.exp_year,
        amount: 4200,
        currency: "usd",
        merchant: "Somebody's shop",
      },
    );
    expect(charged.approved).toBe(true);

    const [row] = await rowsOf("issuing_spend_unmatched");
    expect(row).toMatchObject({
      reference: charged.authorizationId,
      amountMinor: 4200,
      currency: "USD",
      repair: "cancel_card",
    });
    expect(row!.summary).toMatch(/no top-up of ours/);
    expect((await run()).totals.find((t) => t.kind === "issuing_spend_unmatched")).toMatchObject({
      count: 1,
      totals: [{ currency: "USD", amountMinor: 4200 }],
    });

    // A forged row cannot cancel some other card: the card is read from Stripe's authorization.
    expect(await repair(row!, { reference: "iauth_forged" }).catch((e: Error) => e)).toBeInstanceOf(Error);
    // Two admins click at once: the card is canceled once, neither click fails.
    const both = await Promise.all([repair(row!), repair(row!)]);
    expect(both.map((r) => r.outcome).sort()).toEqual(expect.arrayContaining(["applied"]));
    expect(both.every((r) => r.outcome !== "refused")).toBe(true);
    expect((await stripe().issuing.cards.retrieve(card.id)).status).toBe("canceled");
    expect(await repair(row!)).toMatchObject({ outcome: "no_change" });
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.targetId, row!.key));
    expect(audit.map((a) => a.action)).toContain("reconcile.cancel_card");

    // The spend is still unexplained: now the row asks for an acknowledgement, which hides it.
    const [after] = await rowsOf("issuing_spend_unmatched");
    expect(after).toMatchObject({ key: row!.key, repair: "acknowledge" });
    expect(after!.advice).toMatch(/canceled/);
    expect(await repair(after!, { note: "Card details leaked in a test; disputed with Stripe." })).toMatchObject({
      outcome: "applied",
    });
    expect(await rowsOf("issuing_spend_unmatched")).toEqual([]);

    // A card of another cardholder on the same Stripe account is not the shop's: not listed, never canceled.
    const staff = await stripe().issuing.cardholders.create({
      type: "individual",
      name: "Jane Staff",
      billing: { address: { line1: "1 Main St", city: "Dublin", postal_code: "D01", country: "IE" } },
      status: "active",
    });
    const theirs = await stripe().issuing.cards.create({
      cardholder: staff.id,
      currency: "usd",
      type: "virtual",
      status: "active",
    });
    const shown = await stripe().issuing.cards.retrieve(theirs.id, { expand: ["number", "cvc"] });
    const spent = await h.sandbox.control<{ approved: boolean; authorizationId: string }>(
      "POST",
      "/stripe/issuing/authorizations",
      {
        number: shown.number,
        cvc: shown.cvc,
        expMonth: shown.exp_month,
        expYear: shown.exp_year,
        amount: 900,
        currency: "usd",
        merchant: "Lunch",
      },
    );
    expect(spent.approved).toBe(true);
    expect(await rowsOf("issuing_spend_unmatched")).toEqual([]);
    expect(await repair({ ...row!, repair: "cancel_card" }, { reference: spent.authorizationId })).toMatchObject({
      outcome: "refused",
    });
    expect((await stripe().issuing.cards.retrieve(theirs.id)).status).toBe("active");
  });

  it("a declined top-up is listed by list_failed_topups and waits in the attention queue until funding works", async () => {
    const decline = await declineIssuingAuthorizations(h.sandbox);
    let orderId: string;
    try {
      ({ orderId } = await paidOrder(h, { bundle: OFFER }).then(async (p) => {
        await deliverEvent(p.event);
        await drain(h.db, { maxRounds: 1 });
        return p;
      }));
    } finally {
      await decline.restore();
    }
    // The order waits for funding (retried until its horizon), it is not refunded at the first decline.
    expect((await orderRow(h.db, orderId)).status).toBe("needs_attention");
    const [topup] = await h.db
      .select()
      .from(walletTopups)
      .where(sql`${orderId} = any(${walletTopups.orderIds})`);
    expect(topup).toMatchObject({ status: "failed" });

    const listed = await runReconcileRequest(h.db, { action: "list_failed_topups", format: "json" });
    const topups = (listed as { json: { topups: { id: string; status: string; amountMinor: number }[] } }).json.topups;
    expect(topups).toContainEqual(
      expect.objectContaining({
        id: topup!.id,
        status: "failed",
        amountMinor: topup!.amountMinor,
        orderIds: [orderId],
      }),
    );
    // The order's timeline shows the top-up and its Issuing card (id and last4 only).
    const detail = await getOrderDetail(h.db, orderId);
    const entry = detail!.timeline.find((t) => t.source === "funding");
    expect(entry).toMatchObject({ error: true });
    expect(entry!.title).toContain(`${topup!.id}: failed`);
    expect(entry!.title).toContain(`•••• ${topup!.cardLast4}`);
    // A declined authorization moved no money: no Issuing mismatch.
    expect(await rowsOf("issuing_spend_unmatched")).toEqual([]);

    const item = (await attentionQueue(h.db)).find((i) => i.key === `topup:${topup!.id}`);
    expect(item).toMatchObject({ subject: "topup", reason: "topup_failed", action: "fix_funding", orderId });
    expect(item!.explanation).toMatch(/declined/);

    // Funding works again (the endpoint approves): the next top-up succeeds and the failed one leaves the queue.
    await deliveredZenditOrder();
    expect((await attentionQueue(h.db)).find((i) => i.key === `topup:${topup!.id}`)).toBeUndefined();
  });
});

/** An active virtual card of the shop's own wallet cardholder (the sandbox may have been reset meanwhile). */
async function ourCard(h: Harness) {
  const create = (cardholder: string) =>
    stripe().issuing.cards.create({ cardholder, currency: "usd", type: "virtual", status: "active" });
  const holder = await ensureCardholder(h.db);
  try {
    return await create(holder);
  } catch (err) {
    if (!isMissingCardholder(err)) throw err;
    await forgetCardholder(h.db, holder);
    return create(await ensureCardholder(h.db, true));
  }
}
