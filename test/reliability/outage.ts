// A long provider outage in the middle of a storm: eSIM Go answers 503 to everything (or Zendit's wallet is
// empty and every top-up card is declined) for minutes. Paid orders must wait — the circuit opens, the
// customer's page says honestly that it is taking longer, readiness and /api/metrics show the open circuit,
// nothing is refunded before the horizon — and once the provider is back every order is delivered exactly
// once, without going past eSIM Go's rate limit.
import type { Stack } from "@/scripts/lib/processes";
import { checkJobsDrained, ready } from "./checks";
import { call, expect, sandboxControl, sleep, type Part, type Sql } from "./harness";
import { storm } from "./storm";

const METRICS_TOKEN = "reliability-metrics-token";
/** eSIM Go's documented limit, which the sandbox enforces. */
const ESIM_GO_LIMIT_PER_SECOND = 10;

interface OutageOptions {
  n: number;
  outageMs: number;
}

interface Watch {
  circuitOpenSeen: boolean;
  metricsOpenSeen: boolean;
  refundsDuringOutage: number;
  boughtDuringOutage: number;
  slowPageSeen: boolean;
  slowApiSeen: boolean;
  readyDuring: string;
}

/** Watches the shop while the provider is down; returns what the customer and the operator could see. */
async function watchOutage(
  stack: Stack,
  sql: Sql,
  provider: "esim-go" | "zendit",
  outageMs: number,
  circuitExpected: boolean,
): Promise<Watch> {
  const control = sandboxControl(stack.sandboxUrl);
  const started = Date.now();
  const w: Watch = {
    circuitOpenSeen: false,
    metricsOpenSeen: false,
    refundsDuringOutage: 0,
    boughtDuringOutage: 0,
    slowPageSeen: false,
    slowApiSeen: false,
    readyDuring: "",
  };
  // An order whose eSIM was bought in the last moments before the fault may still finish delivering (storage and
  // email are up): only an order whose purchase *began* inside the outage cannot have been delivered honestly.
  const [dbNow] = await sql<{ at: Date }[]>`select now() as at`;
  const outageStart = dbNow!.at;
  const readySeen = new Set<string>();
  while (Date.now() - started < outageMs) {
    const r = await ready(stack.appUrl);
    readySeen.add(String(r.status));
    const circuit = r.body?.circuits?.find((c) => c.name === provider);
    if (circuit && circuit.state !== "closed") w.circuitOpenSeen = true;
    if (circuitExpected && !w.metricsOpenSeen) {
      const m = await call(null, "metrics", `${stack.appUrl}/api/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      if (new RegExp(`^tern_provider_circuit\\{provider="${provider}",state="(open|half_open)"\\} 1`, "m").test(m.text))
        w.metricsOpenSeen = true;
    }
    const { refunds } = await control<{ refunds: unknown[] }>("GET", "/stripe/refunds");
    w.refundsDuringOutage = Math.max(w.refundsDuringOutage, refunds.length);
    // Once an order has waited past a minute its page must say so, in words a customer reads.
    if (Date.now() - started > 65_000 && !(w.slowPageSeen && w.slowApiSeen)) {
      const [waiting] = await sql<{ id: string; session: string }[]>`
        select id, stripe_checkout_session_id as session from orders
        where status in ('paid', 'provisioning', 'needs_attention') and paid_at < now() - interval '61 seconds'
        limit 1`;
      if (waiting) {
        const page = await call(null, "success page", `${stack.appUrl}/checkout/success?session_id=${waiting.session}`);
        // Still being bought, or parked on an empty wallet (the page says it is delayed and a refund follows if not).
        if (page.status === 200 && /This is taking longer than usual\.|Your eSIM is delayed/.test(page.text))
          w.slowPageSeen = true;
        const api = await call(
          null,
          "status",
          `${stack.appUrl}/api/orders/${waiting.id}/status?session_id=${encodeURIComponent(waiting.session)}`,
        );
        if (api.status === 200 && (JSON.parse(api.text) as { slow?: boolean }).slow === true) w.slowApiSeen = true;
      }
    }
    await sleep(Math.min(5000, Math.max(0, outageMs - (Date.now() - started))));
  }
  const [boughtInside] = await sql<{ n: number }[]>`
    select count(*)::int as n from orders o
    join provider_purchases p on p.order_id = o.id and p.status in ('succeeded', 'linked')
    where o.status = 'delivered' and p.started_at >= ${outageStart}`;
  w.boughtDuringOutage = boughtInside!.n;
  w.readyDuring = [...readySeen].join(",");
  return w;
}

function checkWatch(part: Part, w: Watch, circuitExpected: boolean, outageMs: number) {
  Object.assign(part.figures, {
    outageS: Math.round(outageMs / 1000),
    boughtDuringOutage: w.boughtDuringOutage,
    refundsDuringOutage: w.refundsDuringOutage,
    circuitOpenInReadiness: w.circuitOpenSeen,
    readyDuring: w.readyDuring,
    slowPage: w.slowPageSeen,
  });
  if (circuitExpected) {
    expect(part, w.circuitOpenSeen, "readiness never reported the provider's circuit open during the outage");
    expect(part, w.metricsOpenSeen, "/api/metrics never reported the provider's circuit open during the outage");
  }
  expect(part, w.refundsDuringOutage === 0, `${w.refundsDuringOutage} refunds while the provider was merely down`);
  expect(
    part,
    w.boughtDuringOutage === 0,
    `${w.boughtDuringOutage} orders bought and delivered during a total outage?`,
  );
  if (outageMs > 65_000) {
    expect(part, w.slowPageSeen, `no waiting order's page said it is taking longer or is delayed`);
    expect(part, w.slowApiSeen, "no waiting order's status API said slow: true");
  }
}

/** eSIM Go requests after `since`: the most in any one second, and how many were refused with 429. */
async function rateAfter(
  stack: Stack,
  since: number,
): Promise<{ maxPerSecond: number; limited: number; total: number }> {
  const { requests } = await sandboxControl(stack.sandboxUrl)<{ requests: { at: string; status: number }[] }>(
    "GET",
    "/requests?service=esim-go",
  );
  const times = requests
    .filter((r) => Date.parse(r.at) >= since && r.status !== 429)
    .map((r) => Date.parse(r.at))
    .sort((a, b) => a - b);
  let maxPerSecond = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    maxPerSecond = Math.max(maxPerSecond, i - j + 1);
  }
  const limited = requests.filter((r) => Date.parse(r.at) >= since && r.status === 429).length;
  return { maxPerSecond, limited, total: times.length };
}

export async function providerOutage(stack: Stack, sql: Sql, o: OutageOptions): Promise<Part> {
  const control = sandboxControl(stack.sandboxUrl);
  let watch: Watch | undefined;
  let backAt = 0;
  const part = await storm(stack, sql, {
    name: `provider outage (${o.n} orders, eSIM Go 503 for ${Math.round(o.outageMs / 1000)} s)`,
    n: o.n,
    horizonMs: 300_000,
    midStorm: async (s) => {
      await sleep(500);
      const [before] = await sql<{ n: number }[]>`select count(*)::int as n from orders where status = 'delivered'`;
      await control("POST", "/faults", {
        service: "esim-go",
        status: 503,
        probability: 1,
        message: "Service Unavailable",
      });
      watch = await watchOutage(s, sql, "esim-go", o.outageMs, true);
      await control("DELETE", "/faults");
      backAt = Date.now();
      return { deliveredBeforeOutage: before!.n };
    },
  });
  checkWatch(part, watch!, true, o.outageMs);
  const rate = await rateAfter(stack, backAt);
  part.figures.esimGoAfterOutage = `${rate.total} calls, max ${rate.maxPerSecond}/s, ${rate.limited}×429`;
  expect(
    part,
    rate.maxPerSecond <= ESIM_GO_LIMIT_PER_SECOND,
    `${rate.maxPerSecond} eSIM Go calls in one second after the outage (limit ${ESIM_GO_LIMIT_PER_SECOND})`,
  );
  expect(part, rate.limited === 0, `${rate.limited} eSIM Go calls refused with 429 after the outage`);
  await checkJobsDrained(sql, part);
  return part;
}

/** Zendit alone, its wallet empty and every Issuing top-up declined for the outage; then it is refilled. */
export async function walletOutage(stack: Stack, sql: Sql, o: OutageOptions): Promise<Part> {
  const control = sandboxControl(stack.sandboxUrl);
  let watch: Watch | undefined;
  const part = await storm(stack, sql, {
    name: `wallet outage (${o.n} orders, Zendit wallet empty and top-ups declined for ${Math.round(o.outageMs / 1000)} s)`,
    n: o.n,
    horizonMs: 300_000,
    provider: "zendit",
    beforePay: async () => {
      await control("POST", "/zendit/balance", { availableBalance: 0 });
      await control("POST", "/faults", {
        service: "zendit",
        route: "POST /wallet/topup",
        status: 402,
        probability: 1,
        body: { errorCode: "CARD_DECLINED", message: "The card was declined", fields: { reason: "card_declined" } },
      });
    },
    midStorm: async (s) => {
      watch = await watchOutage(s, sql, "zendit", o.outageMs, false);
      // The card works again: the app's own Issuing top-ups refill the wallet.
      await control("DELETE", "/faults");
    },
  });
  checkWatch(part, watch!, false, o.outageMs);
  await checkJobsDrained(sql, part);
  return part;
}
