// The storm through the front door, shared by the storm, faults, crash and two-instance parts: N buyers
// check out at once, all pay at once, every Stripe event about their sessions (plus `expired` events of other
// buyers' sessions) is delivered three more times, concurrently and shuffled, spread over every instance.
// Then we wait for the shop to settle and count what the customer and the provider saw.
import type { Stack } from "@/scripts/lib/processes";
import {
  buyerAddress,
  checkout,
  deliverEvent,
  eventsFor,
  expect,
  ledgers,
  orderStatuses,
  pickBundles,
  pool,
  sandboxControl,
  sandboxStripe,
  shuffle,
  sleep,
  Tally,
  until,
  type Part,
  type Sql,
} from "./harness";

export interface StormOptions {
  name: string;
  n: number;
  /** Other buyers whose sessions expire unpaid, their events mixed into the redelivery storm. */
  expiredOthers?: number;
  redeliveries?: number;
  /** How long the shop gets to settle after the last webhook. */
  horizonMs: number;
  /** Orders may also end refunded (faults); otherwise every one must be delivered. */
  refundsAllowed?: boolean;
  /** Runs after payment, while the sandbox is still delivering (crash: kill and restart an instance). */
  midStorm?: (stack: Stack) => Promise<Record<string, number | string> | void>;
  /** Whose bundles are bought and whose purchase ledger is counted (the app must sell through it). */
  provider?: "esim-go" | "zendit";
  /** Runs after checkouts exist and before payment (faults: inject them). */
  beforePay?: (stack: Stack) => Promise<void>;
}

const TERMINAL = ["delivered", "refunded", "failed", "needs_attention", "expired", "payment_failed"];

export async function storm(stack: Stack, sql: Sql, o: StormOptions): Promise<Part> {
  const part: Part = { name: o.name, ok: true, figures: {}, failures: [] };
  const control = sandboxControl(stack.sandboxUrl);
  const stripe = sandboxStripe(stack.sandboxUrl);
  const urls = () =>
    stack.apps.filter((a) => a.child.exitCode === null && a.child.signalCode === null).map((a) => a.url);
  const tally = new Tally();
  const run = `${o.name.replace(/\W+/g, "").toLowerCase().slice(0, 12)}${Date.now().toString(36)}`;
  const bundles = await pickBundles(sql, 5, o.provider);
  const others = o.expiredOthers ?? Math.ceil(o.n / 5);

  // 1. Everyone presses Buy at once, spread over the instances.
  const t0 = Date.now();
  const buyers = Array.from({ length: o.n + others }, (_, i) => `rel-${run}-${i}@example.com`);
  const created = await Promise.all(
    buyers.map((email, i) =>
      checkout(tally, urls()[i % urls().length]!, bundles[i % bundles.length]!, email, buyerAddress(i)),
    ),
  );
  const checkoutMs = Date.now() - t0;
  const ok = created.filter((c) => c.orderId && c.sessionId);
  const paying = created.slice(0, o.n).filter((c) => c.orderId && c.sessionId);
  const expiring = created.slice(o.n).filter((c) => c.orderId && c.sessionId);
  part.figures.checkouts = `${ok.length}/${buyers.length} in ${checkoutMs} ms`;
  expect(part, ok.length === buyers.length, `${buyers.length - ok.length} checkouts refused (${tally.summary()})`);
  if (paying.length === 0) {
    part.figures["5xx"] = tally.fiveXx;
    return part;
  }

  // 2. Other buyers walk away: their sessions expire (checkout.session.expired).
  await pool(expiring, 16, (c) => stripe.checkout.sessions.expire(c.sessionId!).catch(() => null));
  await o.beforePay?.(stack);

  // 3. Everyone pays at once; the sandbox starts delivering checkout.session.completed by itself.
  const tPay = Date.now();
  const paid = await Promise.all(
    paying.map((c) =>
      control("POST", `/stripe/checkout/sessions/${c.sessionId}/pay`, { card: "4242424242424242", email: c.email })
        .then(() => true)
        .catch(() => false),
    ),
  );
  part.figures.paid = paid.filter(Boolean).length;
  Object.assign(part.figures, (await o.midStorm?.(stack)) ?? {});

  // 4. Every event about these sessions, three more times, shuffled, concurrently, over every instance.
  const sessionIds = new Set(ok.map((c) => c.sessionId!));
  const events = await eventsFor(stack.sandboxUrl, sessionIds);
  const storm = shuffle(Array.from({ length: o.redeliveries ?? 3 }, () => events).flat());
  const tStorm = Date.now();
  await pool(storm, 64, (event, i) => {
    const targets = urls();
    return deliverEvent(tally, targets[i % targets.length]!, event);
  });
  part.figures.redelivered = `${storm.length} (${events.length} events) in ${Date.now() - tStorm} ms`;

  // 5. Settle: every paid order reaches an end state.
  const orderIds = paying.map((c) => c.orderId!);
  let statuses = new Map<string, number>();
  await until(async () => {
    statuses = await orderStatuses(sql, orderIds);
    const settled = TERMINAL.reduce((n, s) => n + (statuses.get(s) ?? 0), 0);
    return settled >= orderIds.length && (o.refundsAllowed || (statuses.get("delivered") ?? 0) === orderIds.length);
  }, o.horizonMs);
  const settledMs = Date.now() - tPay;
  await sleep(1500); // late duplicates (a stray retry) would show up now
  statuses = await orderStatuses(sql, orderIds);
  const expiredStatuses = await orderStatuses(
    sql,
    expiring.map((c) => c.orderId!),
  );

  // 6. What the provider, the inbox and Stripe saw.
  const ledger = await ledgers(stack.sandboxUrl, o.provider);
  const ours = await sql<{ reference: string | null; status: string; order_status: string }[]>`
    select p.provider_reference as reference, p.status, o.status as order_status
    from provider_purchases p join orders o on o.id = p.order_id where p.order_id = any(${orderIds})`;
  const knownRefs = new Set(ours.map((r) => r.reference).filter(Boolean));
  const bought = ours.filter((r) => r.status === "succeeded" || r.status === "linked").length;
  // Provider orders that finished after we concluded "not bought", found again and raised with the admins.
  const surfacedLate = ours.filter((r) => r.status === "orphaned").length;
  const providerOrders = ledger.providerOrders.length;
  const orphans = ledger.providerOrders.filter((p) => !knownRefs.has(p.orderReference)).length;
  const deliveryEmails = paying.reduce(
    (n, c) => n + (ledger.emailsTo.get(c.email)?.filter((e) => /^Your eSIM is ready/.test(e.subject)).length ?? 0),
    0,
  );
  const buyersEmailed = paying.filter((c) =>
    ledger.emailsTo.get(c.email)?.some((e) => /^Your eSIM is ready/.test(e.subject)),
  ).length;
  const delivered = statuses.get("delivered") ?? 0;
  const refunded = statuses.get("refunded") ?? 0;
  const stuck = orderIds.length - TERMINAL.reduce((n, s) => n + (statuses.get(s) ?? 0), 0);

  Object.assign(part.figures, {
    orders: orderIds.length,
    delivered,
    refunded,
    other:
      [...statuses.entries()]
        .filter(([s]) => s !== "delivered" && s !== "refunded")
        .map(([s, n]) => `${s}:${n}`)
        .join(",") || "none",
    stuck,
    providerPurchases: providerOrders,
    boughtInOurLedger: bought,
    surfacedLate,
    orphanPurchases: orphans,
    deliveryEmails,
    refunds: ledger.refunds.length,
    expiredOthers: `${expiredStatuses.get("expired") ?? 0}/${expiring.length}`,
    "5xx": tally.fiveXx,
    noAnswer: tally.noAnswer,
    responses: tally.summary(),
    paidToSettledMs: settledMs,
  });

  expect(
    part,
    tally.fiveXx === 0,
    `${tally.fiveXx} 5xx answers:\n      ${tally.failureKinds(8)}\n      e.g. ${tally.samples5xx[0]}`,
  );
  expect(part, tally.noAnswer === 0 || o.midStorm !== undefined, `${tally.noAnswer} requests got no answer`);
  expect(part, stuck === 0, `${stuck} paid orders not settled within ${o.horizonMs} ms`);
  expect(part, orphans === 0, `${orphans} provider purchases belong to no order of ours (bought twice?)`);
  expect(part, deliveryEmails === buyersEmailed, `${deliveryEmails - buyersEmailed} duplicate delivery emails`);
  expect(part, buyersEmailed === delivered, `${delivered} delivered but ${buyersEmailed} buyers emailed`);
  expect(
    part,
    (expiredStatuses.get("expired") ?? 0) === expiring.length,
    `expired sessions: ${[...expiredStatuses.entries()].map(([s, n]) => `${s}:${n}`).join(",")}`,
  );
  if (o.refundsAllowed) {
    expect(
      part,
      delivered + refunded === orderIds.length,
      `${orderIds.length - delivered - refunded} neither delivered nor refunded`,
    );
    expect(
      part,
      providerOrders === bought + surfacedLate,
      `${providerOrders} provider orders for ${bought} purchases we hold and ${surfacedLate} surfaced late`,
    );
    expect(
      part,
      ledger.refunds.length === refunded,
      `${ledger.refunds.length} Stripe refunds for ${refunded} refunded orders`,
    );
  } else {
    expect(part, delivered === orderIds.length, `${delivered}/${orderIds.length} delivered`);
    expect(
      part,
      providerOrders === orderIds.length,
      `${providerOrders} provider purchases for ${orderIds.length} orders`,
    );
    expect(part, ledger.refunds.length === 0, `${ledger.refunds.length} refunds in a storm without faults`);
  }
  return part;
}
