// A long day: orders arrive at a steady rate (checkout, then payment, one buyer after another) for thousands
// of orders. The app's memory must be flat in the second half, the queue lag bounded, its database
// connections not growing, and at the end every order delivered exactly once with no job left behind.
import fs from "node:fs";
import type { Stack } from "@/scripts/lib/processes";
import { appConnections, checkJobsDrained, ready } from "./checks";
import {
  buyerAddress,
  checkout,
  expect,
  ledgers,
  orderStatuses,
  pickBundles,
  sandboxControl,
  sleep,
  Tally,
  until,
  type Part,
  type Sql,
} from "./harness";

const MEMORY_JUDGED_FROM = 1000;

interface Sample {
  at: number;
  paid: number;
  rssMb: number;
  lagS: number;
  connections: number;
}

/** Resident memory of a process and all its descendants (Next may serve from a child process), in MB. */
function treeRssMb(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${entry}/status`, "utf8"))?.[1];
      rss.set(Number(entry), Number(kb ?? 0));
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return Math.round(total / 1024);
}

export async function soak(
  stack: Stack,
  sql: Sql,
  o: { n: number; perSecond: number; database: string },
): Promise<Part> {
  const part: Part = { name: `soak (${o.n} orders at ${o.perSecond}/s)`, ok: true, figures: {}, failures: [] };
  const control = sandboxControl(stack.sandboxUrl);
  const tally = new Tally();
  const bundles = await pickBundles(sql, 5);
  const run = `soak${Date.now().toString(36)}`;
  const pid = stack.apps[0]!.child.pid!;
  const samples: Sample[] = [];
  let paidCount = 0;
  let sampling = true;
  const t0 = Date.now();
  const sampler = (async () => {
    while (sampling) {
      const r = await ready(stack.appUrl);
      samples.push({
        at: Date.now() - t0,
        paid: paidCount,
        rssMb: treeRssMb(pid),
        lagS: r.body?.checks?.queue?.lagSeconds ?? NaN,
        connections: await appConnections(sql, o.database),
      });
      await sleep(2000);
    }
  })();

  // One buyer every 1/perSecond s, each checking out and paying; at most a few seconds' worth in flight.
  const orders: { orderId: string; email: string }[] = [];
  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < o.n; i++) {
    const due = t0 + (i * 1000) / o.perSecond;
    if (due > Date.now()) await sleep(due - Date.now());
    const email = `rel-${run}-${i}@example.com`;
    const p = (async () => {
      const c = await checkout(tally, stack.appUrl, bundles[i % bundles.length]!, email, buyerAddress(i));
      if (!c.sessionId) return;
      await control("POST", `/stripe/checkout/sessions/${c.sessionId}/pay`, { card: "4242424242424242", email });
      orders.push({ orderId: c.orderId!, email });
      paidCount++;
    })()
      .catch(() => {})
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  const arrivalsMs = Date.now() - t0;

  const orderIds = orders.map((x) => x.orderId);
  let statuses = new Map<string, number>();
  const drainMs = await until(async () => {
    statuses = await orderStatuses(sql, orderIds);
    return (statuses.get("delivered") ?? 0) === orderIds.length;
  }, 180_000);
  sampling = false;
  await sampler;
  await sleep(1500);
  statuses = await orderStatuses(sql, orderIds);
  await checkJobsDrained(sql, part);

  const ledger = await ledgers(stack.sandboxUrl);
  const delivered = statuses.get("delivered") ?? 0;
  const emails = orders.reduce(
    (n, x) => n + (ledger.emailsTo.get(x.email)?.filter((e) => /^Your eSIM is ready/.test(e.subject)).length ?? 0),
    0,
  );

  // Memory per slice of the day: the first sample at or after each tenth of the orders.
  const step = o.n >= 2000 ? 1000 : Math.max(1, Math.ceil(o.n / 5));
  const marks: string[] = [];
  for (let k = step; k <= o.n; k += step) {
    const s = samples.find((x) => x.paid >= k);
    if (s) marks.push(`${k}:${s.rssMb}MB`);
  }
  const during = samples.filter((s) => s.at <= arrivalsMs);
  const firstHalf = during.filter((s) => s.paid < orderIds.length / 2);
  const secondHalf = during.filter((s) => s.paid >= orderIds.length / 2);
  const half = secondHalf[0]?.rssMb ?? NaN;
  const peakSecond = Math.max(...secondHalf.map((s) => s.rssMb));
  const connFirst = Math.max(...firstHalf.map((s) => s.connections), 0);
  const connSecond = Math.max(...secondHalf.map((s) => s.connections), 0);
  const maxLag = Math.max(...samples.map((s) => (Number.isFinite(s.lagS) ? s.lagS : 0)));

  Object.assign(part.figures, {
    orders: orderIds.length,
    delivered,
    refunded: statuses.get("refunded") ?? 0,
    providerPurchases: ledger.providerOrders.length,
    deliveryEmails: emails,
    refunds: ledger.refunds.length,
    "5xx": tally.fiveXx,
    responses: tally.summary(),
    arrivalsMs,
    drainMs,
    rssPerOrders: marks.join(" "),
    rssSecondHalf: `${half}→${peakSecond} MB`,
    maxQueueLagS: maxLag,
    dbConnections: `first half ≤${connFirst}, second half ≤${connSecond}`,
  });

  expect(part, tally.fiveXx === 0 && tally.noAnswer === 0, `${tally.fiveXx} 5xx, ${tally.noAnswer} unanswered`);
  expect(part, orderIds.length === o.n, `${o.n - orderIds.length} buyers could not check out and pay`);
  expect(part, delivered === orderIds.length, `${delivered}/${orderIds.length} delivered`);
  expect(part, ledger.providerOrders.length === orderIds.length, `${ledger.providerOrders.length} provider purchases`);
  expect(part, emails === orderIds.length, `${emails} delivery emails for ${orderIds.length} orders`);
  expect(part, ledger.refunds.length === 0, `${ledger.refunds.length} refunds`);
  // Flat: the second half may not grow by more than a quarter over where it began (GC and caches breathe).
  // Judged from a thousand orders on: in a shorter soak V8 is still growing its heap to the allocation rate
  // (300 orders on a loaded 2-core runner went 274 → 377 MB), so there the figures are reported, not judged.
  if (o.n >= MEMORY_JUDGED_FROM)
    expect(
      part,
      secondHalf.length < 2 || peakSecond <= half * 1.25 + 32,
      `RSS grew from ${half} MB to ${peakSecond} MB in the second half`,
    );
  else part.figures.memory = `reported, judged from ${MEMORY_JUDGED_FROM} orders`;
  // Bounded: at a steady rate the queue never falls a minute behind.
  expect(part, maxLag <= 60, `queue lag reached ${maxLag} s`);
  // The pool is capped (10 per instance): the connections may not keep growing.
  expect(part, connSecond <= Math.max(connFirst, 10), `database connections grew from ${connFirst} to ${connSecond}`);
  return part;
}
