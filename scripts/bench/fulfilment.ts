// Fulfilment throughput and latency: N orders created through POST /api/checkout, paid through the sandbox
// (with its own webhook delivery switched off), then their real `checkout.session.completed` events pushed to
// the app's webhook, signed, at a controlled concurrency. Measured until every order's email is accepted:
//   - orders/s fully delivered = N / (last email accepted − first webhook sent);
//   - webhook-received → email-accepted latency per order (the order's `paid` transition → email_sent_at);
//   - duplicates: eSIM Go orders and emails beyond one per order.
// Timestamps come from the database when DATABASE_URL is given (the app writes them), otherwise from the
// sandbox's email ledger and the order status API.
import Stripe from "stripe";

export interface FulfilmentBenchOptions {
  appUrl: string;
  sandboxUrl: string;
  /** The app's PostgreSQL (for the per-order timestamps); without it only coarse figures are reported. */
  databaseUrl?: string;
  n: number;
  /** Webhooks in flight at once. */
  concurrency?: number;
  webhookSecret?: string;
  log?: (line: string) => void;
}

export interface FulfilmentBenchResult {
  n: number;
  delivered: number;
  ordersPerSecond: number;
  medianMs: number | null;
  p99Ms: number | null;
  esimGoOrders: number;
  emails: number;
  duplicates: { esimGo: number; emails: number };
  wallMs: number;
  summary: string;
}

const SANDBOX_WEBHOOK_SECRET = "whsec_tern_sandbox_secret";

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

export async function runFulfilmentBench(options: FulfilmentBenchOptions): Promise<FulfilmentBenchResult> {
  const { appUrl, sandboxUrl, n } = options;
  const concurrency = options.concurrency ?? 16;
  const log = options.log ?? ((line: string) => console.log(`[bench:fulfilment] ${line}`));
  const control = (route: string, init?: RequestInit) =>
    json<unknown>(`${sandboxUrl}/_sandbox${route}`, {
      ...init,
      headers: { "content-type": "application/json", ...init?.headers },
    });

  const sql = options.databaseUrl
    ? (await import("postgres")).default(options.databaseUrl, { max: 4, onnotice: () => {} })
    : undefined;
  try {
    // The bench delivers the events itself, at its own pace.
    await control("/config", { method: "POST", body: JSON.stringify({ stripe: { webhookUrl: null } }) });

    const bundleNames = sql
      ? (
          await sql<
            { name: string }[]
          >`select name from bundles where active and provider = 'esim-go' and scope = 'country' order by price_minor limit 25`
        ).map((r) => r.name)
      : ["esim_1GB_7D_GB_V2"];
    if (bundleNames.length === 0) throw new Error("the app has no active bundles (catalogue not loaded?)");

    // 1. Orders, through the real checkout endpoint.
    const runId = Date.now().toString(36);
    const emails = Array.from({ length: n }, (_, i) => `bench-${runId}-${i}@example.com`);
    const created = await pool(emails, 16, async (email, i) => {
      const res = await json<{ orderId: string; checkoutUrl: string }>(`${appUrl}/api/checkout`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ bundle: bundleNames[i % bundleNames.length], email }),
      });
      const sessionId = new URL(res.checkoutUrl).pathname.split("/").pop()!;
      return { ...res, email, sessionId };
    });
    log(`${n} orders created`);

    // 2. Paid with the test card, as the hosted page would.
    await pool(created, 16, (o) =>
      control(`/stripe/checkout/sessions/${o.sessionId}/pay`, {
        method: "POST",
        body: JSON.stringify({ card: "4242424242424242", email: o.email }),
      }),
    );
    const { events } = await json<{ events: (Stripe.Event & { attempts?: unknown })[] }>(
      `${sandboxUrl}/_sandbox/stripe/events?type=checkout.session.completed`,
    );
    const ours = new Set(created.map((o) => o.sessionId));
    const completed = events.filter((e) => ours.has((e.data.object as { id: string }).id));
    if (completed.length !== n)
      throw new Error(`expected ${n} checkout.session.completed events, found ${completed.length}`);
    log(`${n} sessions paid`);

    // 3. The webhooks, signed with the app's secret, `concurrency` at a time.
    const secret = options.webhookSecret ?? SANDBOX_WEBHOOK_SECRET;
    const signer = new Stripe("sk_test_bench").webhooks;
    const payloads = completed.map(({ attempts: _attempts, ...event }) => JSON.stringify(event, null, 2));
    const firstSent = Date.now();
    let failures = 0;
    await pool(payloads, concurrency, async (payload) => {
      const res = await fetch(`${appUrl}/api/webhooks/stripe`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "stripe-signature": signer.generateTestHeaderString({ payload, secret }),
        },
        body: payload,
      });
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
    });
    log(`${n} webhooks sent in ${Date.now() - firstSent} ms (${failures} not 200)`);

    // 4. Until every order's email is accepted (or nothing moves for a while).
    const orderIds = created.map((o) => o.orderId);
    const deliveredCount = async (): Promise<number> => {
      if (sql)
        return Number(
          (
            await sql<
              { n: string }[]
            >`select count(*) as n from orders where id = any(${orderIds}) and email_sent_at is not null`
          )[0]!.n,
        );
      const list = await json<{ to: string[] }[]>(`${sandboxUrl}/_sandbox/emails`);
      const wanted = new Set(emails);
      return list.filter((e) => e.to.some((t) => wanted.has(t))).length;
    };
    let delivered = 0;
    let lastChange = Date.now();
    while (delivered < n && Date.now() - lastChange < 30_000) {
      await new Promise((r) => setTimeout(r, 100));
      const now = await deliveredCount();
      if (now !== delivered) lastChange = Date.now();
      delivered = now;
    }
    const doneAt = Date.now();

    // 5. Figures.
    let latencies: number[] = [];
    let lastEmailAt = doneAt;
    if (sql) {
      const rows = await sql<{ paid: Date; sent: Date | null }[]>`
        select (select min(e.created_at) from order_events e where e.order_id = o.id and e.to_status = 'paid') as paid, o.email_sent_at as sent
        from orders o where o.id = any(${orderIds})`;
      latencies = rows.filter((r) => r.sent && r.paid).map((r) => r.sent!.getTime() - r.paid.getTime());
      const sent = rows.filter((r) => r.sent).map((r) => r.sent!.getTime());
      if (sent.length) lastEmailAt = Math.max(...sent);
    }
    latencies.sort((a, b) => a - b);
    const esimGo = await json<{ orders: { items: unknown[] }[] }>(`${sandboxUrl}/_sandbox/esim-go/orders`);
    const inbox = await json<{ to: string[]; subject: string }[]>(`${sandboxUrl}/_sandbox/emails`);
    const wanted = new Set(emails);
    const ourEmails = inbox.filter((e) => e.to.some((t) => wanted.has(t))).length;

    const seconds = Math.max(1, lastEmailAt - firstSent) / 1000;
    const result: FulfilmentBenchResult = {
      n,
      delivered,
      ordersPerSecond: Math.round((delivered / seconds) * 10) / 10,
      medianMs: latencies.length ? percentile(latencies, 50) : null,
      p99Ms: latencies.length ? percentile(latencies, 99) : null,
      esimGoOrders: esimGo.orders.length,
      emails: ourEmails,
      duplicates: { esimGo: Math.max(0, esimGo.orders.length - n), emails: Math.max(0, ourEmails - n) },
      wallMs: doneAt - firstSent,
      summary: "",
    };
    result.summary =
      `fulfilment (${n} orders, ${concurrency} webhooks in flight): ${result.delivered}/${n} delivered, ${result.ordersPerSecond} orders/s — target ≥ 100; ` +
      `webhook → email latency median ${result.medianMs ?? "?"} ms, p99 ${result.p99Ms ?? "?"} ms — targets ≤ 150 / ≤ 1000 ms; ` +
      `eSIM Go orders ${result.esimGoOrders}, emails ${result.emails} (duplicates: ${result.duplicates.esimGo} purchases, ${result.duplicates.emails} emails) — target 0`;
    return result;
  } finally {
    await sql?.end({ timeout: 5 });
  }
}
