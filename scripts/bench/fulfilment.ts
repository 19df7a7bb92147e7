// Fulfilment speed (issue 12 item 4), on a zero-latency sandbox and real PostgreSQL:
//   - storm: N paid orders' `checkout.session.completed` webhooks fired at once, drained → orders/s;
//   - open loop: webhooks sent on a fixed schedule (default 50/s) whatever the app does → webhook → email
//     latency (client send time → the order's `email_sent_at`, one machine clock), median and p99;
//   - per delivered order during the storm: app CPU ms (/proc utime+stime of `next start` and its children),
//     database work (pg_stat_database / pg_stat_user_tables deltas, idle background subtracted) and provider
//     calls (the sandbox's request log).
// Orders are created through POST /api/checkout and paid through the sandbox before anything is timed; the
// sandbox's own webhook delivery is off so the bench alone decides when each event arrives.
import Stripe from "stripe";
import type postgres from "postgres";
import { peakRss, treeCpuMs, treeRssKb } from "./memory";
import { startCpuProfile } from "./cpu-profile";

const SANDBOX_WEBHOOK_SECRET = "whsec_tern_sandbox_secret";

export interface SpeedContext {
  appUrl: string;
  sandboxUrl: string;
  appPid: number;
  sandboxPid: number;
  /** The app's own database (throwaway), for per-order timestamps. */
  sql: postgres.Sql;
  /** A connection to another database on the same server: reading statistics must not add to them. */
  stats: postgres.Sql;
  dbName: string;
  /** The app's inspector port, when it runs with --inspect: the storm is then CPU-profiled. */
  inspectorPort?: number;
  log: (line: string) => void;
}

interface Prepared {
  orderId: string;
  payload: string;
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

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

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let ipCounter = 0;

/** N orders created and paid (untimed); returns each one's signed-ready event payload. */
export async function prepareOrders(ctx: SpeedContext, n: number, label: string): Promise<Prepared[]> {
  const { appUrl, sandboxUrl, sql } = ctx;
  const control = (route: string, body: unknown) =>
    json<unknown>(`${sandboxUrl}/_sandbox${route}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  await control("/config", { stripe: { webhookUrl: null } });
  const bundleNames = (
    await sql<
      { name: string }[]
    >`select name from bundles where active and provider = 'esim-go' and scope = 'country' order by price_minor limit 25`
  ).map((r) => r.name);
  if (bundleNames.length === 0) throw new Error("the app has no active bundles (catalogue not loaded?)");
  const runId = `${label}-${Date.now().toString(36)}`;
  const created = await pool(
    Array.from({ length: n }, (_, i) => i),
    16,
    async (i) => {
      // One address per buyer (the app trusts one proxy hop here), so checkout's per-IP limit sees strangers.
      const ip = ++ipCounter;
      const email = `bench-${runId}-${i}@example.com`;
      const res = await json<{ orderId: string; checkoutUrl: string }>(`${appUrl}/api/checkout`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": `10.${ip >> 16}.${(ip >> 8) & 255}.${ip & 255}`,
        },
        body: JSON.stringify({ bundle: bundleNames[i % bundleNames.length], email }),
      });
      const sessionId = new URL(res.checkoutUrl).pathname.split("/").pop()!;
      await control(`/stripe/checkout/sessions/${sessionId}/pay`, { card: "4242424242424242", email });
      return { orderId: res.orderId, sessionId };
    },
  );
  const { events } = await json<{ events: (Stripe.Event & { attempts?: unknown })[] }>(
    `${sandboxUrl}/_sandbox/stripe/events?type=checkout.session.completed`,
  );
  const bySession = new Map(events.map(({ attempts: _a, ...e }) => [(e.data.object as { id: string }).id, e]));
  return created.map((o) => {
    const event = bySession.get(o.sessionId);
    if (!event) throw new Error(`no checkout.session.completed event for ${o.sessionId}`);
    return { orderId: o.orderId, payload: JSON.stringify(event, null, 2) };
  });
}

const signer = new Stripe("sk_test_bench").webhooks;

async function sendWebhook(appUrl: string, payload: string): Promise<number> {
  const res = await fetch(`${appUrl}/api/webhooks/stripe`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "stripe-signature": signer.generateTestHeaderString({ payload, secret: SANDBOX_WEBHOOK_SECRET }),
    },
    body: payload,
  });
  await res.arrayBuffer();
  return res.status;
}

/** What the bench's own polling cost the database, to take out of the per-order figures. */
interface PollCost {
  polls: number;
  rowsScanned: number;
}

/**
 * Waits until every order has its email accepted, or nothing moves for `stallMs`. Counts over the whole
 * (throwaway) table, one seq scan a poll: `id = any(<N ids>)` would be N index scans a poll, and at N = 1,000
 * the bench's own reads would swamp the app's in the statistics.
 */
async function drain(sql: postgres.Sql, ids: string[], cost: PollCost = { polls: 0, rowsScanned: 0 }) {
  const count = async () => {
    const [row] = await sql<{ n: number; total: number }[]>`
      select count(*) filter (where email_sent_at is not null)::int as n, count(*)::int as total from orders`;
    cost.polls++;
    cost.rowsScanned += row!.total;
    return row!.n;
  };
  const [already] = await sql<{ n: number }[]>`
    select count(*)::int as n from orders where id = any(${ids}) and email_sent_at is not null`;
  const target = (await count()) - already!.n + ids.length;
  let delivered = 0;
  let lastChange = Date.now();
  while (delivered < target && Date.now() - lastChange < 30_000) {
    await sleep(200);
    const now = await count();
    if (now !== delivered) lastChange = Date.now();
    delivered = now;
  }
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from orders where id = any(${ids}) and email_sent_at is not null`;
  return row!.n;
}

interface DbCounters {
  tables: Map<string, { seq: number; idx: number; seqRead: number }>;
  xacts: number;
  tupReturned: number;
  tupFetched: number;
  tupWritten: number;
  scans: number;
  at: number;
}

async function dbCounters(ctx: SpeedContext): Promise<DbCounters> {
  const [d] = await ctx.stats<{ x: string; r: string; f: string; w: string }[]>`
    select xact_commit + xact_rollback as x, tup_returned as r, tup_fetched as f,
           tup_inserted + tup_updated + tup_deleted as w
    from pg_stat_database where datname = ${ctx.dbName}`;
  // Per-table counters are only visible from inside the database; one autocommit read, subtracted below.
  const rows = await ctx.sql<{ name: string; seq: string; idx: string | null; seq_read: string }[]>`
    select relname as name, seq_scan as seq, idx_scan as idx, seq_tup_read as seq_read from pg_stat_user_tables`;
  const tables = new Map(rows.map((r) => [r.name, { seq: +r.seq, idx: +(r.idx ?? 0), seqRead: +r.seq_read }]));
  const scans = rows.reduce((sum, r) => sum + +r.seq + +(r.idx ?? 0), 0);
  return { tables, xacts: +d!.x, tupReturned: +d!.r, tupFetched: +d!.f, tupWritten: +d!.w, scans, at: Date.now() };
}

// A backend publishes its statistics when idle, at most 10 s late (PostgreSQL 15's idle flush interval).
const STATS_SETTLE_MS = 11_000;

export interface StormResult {
  lines: string[];
  ordersPerSecond: number;
  peakRssMb: number;
  restRssMb: number;
}

export async function runStorm(ctx: SpeedContext, n: number, concurrency: number): Promise<StormResult> {
  const { appUrl, sandboxUrl, sql, log } = ctx;
  const prepared = await prepareOrders(ctx, n, "storm");
  log(`storm: ${n} orders created and paid; waiting for database statistics to settle`);
  await sleep(STATS_SETTLE_MS);
  // The idle background (worker timer, sweeps) over a quiet window, to subtract from the storm's figures.
  const idleA = await dbCounters(ctx);
  await sleep(STATS_SETTLE_MS);
  const idleB = await dbCounters(ctx);
  await fetch(`${sandboxUrl}/_sandbox/requests`, { method: "DELETE" });

  const profiler = ctx.inspectorPort ? await startCpuProfile(ctx.inspectorPort) : undefined;
  const restRssMb = treeRssKb(ctx.appPid) / 1024;
  const memory = peakRss(ctx.appPid);
  const cpuBefore = treeCpuMs(ctx.appPid);
  const sandboxCpuBefore = treeCpuMs(ctx.sandboxPid);
  const ids = prepared.map((p) => p.orderId);
  const firstSent = Date.now();
  const statuses = await pool(prepared, concurrency, (p) => sendWebhook(appUrl, p.payload));
  const sentMs = Date.now() - firstSent;
  const cost: PollCost = { polls: 0, rowsScanned: 0 };
  const delivered = await drain(sql, ids, cost);
  const drainedAt = Date.now();
  const cpuAfter = treeCpuMs(ctx.appPid);
  const sandboxCpuMs = treeCpuMs(ctx.sandboxPid) - sandboxCpuBefore;
  const peakRssMb = memory.stop();
  const profile = (await profiler?.stop()) ?? [];
  const [last] = await sql<{ t: Date | null }[]>`select max(email_sent_at) as t from orders where id = any(${ids})`;
  const lastEmail = last!.t ? last!.t.getTime() : drainedAt;
  const requests = (
    await json<{ requests: { service: string; method: string; path: string; status: number; kind?: string }[] }>(
      `${sandboxUrl}/_sandbox/requests`,
    )
  ).requests;
  await sleep(STATS_SETTLE_MS);
  const after = await dbCounters(ctx);

  const seconds = Math.max(1, lastEmail - firstSent) / 1000;
  const ordersPerSecond = Math.round((delivered / seconds) * 10) / 10;
  const per = (x: number) => (delivered ? (x / delivered).toFixed(1) : "?");
  // Idle rate × storm window, plus our own reads (each an autocommit transaction on the app's database).
  const idleScale = (after.at - idleB.at) / Math.max(1, idleB.at - idleA.at);
  const net = (k: Exclude<keyof DbCounters, "tables">, own = 0) =>
    after[k] - idleB[k] - (idleB[k] - idleA[k]) * idleScale - own;
  // Each poll is one autocommit transaction and one seq scan of orders; plus the drain's two bracketing reads,
  // the last-email read and a statistics read, each `id = any(<N>)` read being N index scans of orders.
  const pollReads = cost.polls + 4;
  const ownOrderIndexScans = 3 * n;
  const byKey = new Map<string, number>();
  for (const r of requests) {
    const path = r.path.replace(/\/[0-9a-f-]{8,}|\/\d{6,}|\/[A-Za-z0-9_]*_[A-Za-z0-9_]{6,}/g, "/:id");
    const key = `${r.service} ${r.method} ${path}${r.kind ? ` (${r.kind})` : ""}${r.status >= 400 ? ` → ${r.status}` : ""}`;
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  // Where the reads go, busiest tables first (seq scans on a hot path mean a missing index).
  const tableLines = [...after.tables.entries()]
    .map(([name, t]) => {
      const b = idleB.tables.get(name) ?? { seq: 0, idx: 0, seqRead: 0 };
      // The bench's own reads of orders: a seq scan per poll, and its `id = any(<N>)` reads' index scans.
      const own = name === "orders" ? { ...cost, idx: ownOrderIndexScans } : { polls: 0, rowsScanned: 0, idx: 0 };
      return {
        name,
        seq: t.seq - b.seq - own.polls,
        idx: t.idx - b.idx - own.idx,
        seqRead: t.seqRead - b.seqRead - own.rowsScanned,
      };
    })
    .filter((t) => t.seq + t.idx > 0)
    .sort((a, b) => b.seq + b.idx - (a.seq + a.idx))
    .slice(0, 8)
    .map((t) => `${t.name} ${per(t.idx)} index + ${per(t.seq)} seq scans (${per(t.seqRead)} rows read by seq scans)`);
  const esimGo = requests.filter((r) => r.service === "esim-go").length;
  const breakdown = [...byKey.entries()].sort((a, b) => b[1] - a[1]).map(([k, c]) => `${k} ${per(c)}`);
  const cpuMs = cpuAfter - cpuBefore;
  const non200 = statuses.filter((s) => s !== 200).length;
  const lines = [
    `storm (${n} webhooks, ${concurrency} in flight, sent in ${sentMs} ms, ${non200} not 200): ${delivered}/${n} delivered in ${seconds.toFixed(1)} s → ${ordersPerSecond} orders/s — target ≥ 100: ${ordersPerSecond >= 100 ? "met" : "not met"}`,
    `storm app CPU: ${per(cpuMs)} ms per delivered order (${(cpuMs / 1000).toFixed(1)} s CPU over ${seconds.toFixed(1)} s wall, ${(cpuMs / (seconds * 10)).toFixed(0)} % of one core; one process with a core of its own tops out near ${delivered ? Math.round((1000 * delivered) / Math.max(1, cpuMs)) : "?"} orders/s); the sandbox's ${per(sandboxCpuMs)} ms (${(sandboxCpuMs / (seconds * 10)).toFixed(0)} % of one core)`,
    `storm database per delivered order (pg_stat_database deltas, idle background subtracted; a transaction is ≥ 1 statement, autocommit reads count one each): ` +
      `${per(net("xacts", pollReads))} transactions, ${per(net("scans", cost.polls + ownOrderIndexScans))} table scans (pg_stat_user_tables seq+idx, ≈ reads and updates by key), ` +
      `${per(net("tupWritten"))} rows written, ${per(net("tupFetched"))} rows fetched, ${per(net("tupReturned", cost.rowsScanned))} rows returned`,
    `storm scans per delivered order by table: ${tableLines.join("; ")}`,
    `storm provider calls per delivered order: eSIM Go ${per(esimGo)}; all services: ${breakdown.join("; ")}`,
    ...profile.map((l) => `storm ${l}`),
  ];
  return { lines, ordersPerSecond, peakRssMb, restRssMb };
}

export async function runOpenLoop(ctx: SpeedContext, n: number, ratePerSecond: number): Promise<string[]> {
  const { appUrl, sql, log } = ctx;
  const prepared = await prepareOrders(ctx, n, "open");
  log(`open loop: ${n} orders created and paid; sending at ${ratePerSecond}/s`);
  const interval = 1000 / ratePerSecond;
  const sentAt = new Map<string, number>();
  const t0 = Date.now() + 50;
  const cpuBefore = treeCpuMs(ctx.appPid);
  let lateStarts = 0;
  const statuses = await Promise.all(
    prepared.map(async (p, i) => {
      // On the schedule, never waiting for an earlier one: the offered rate holds however slow the app is.
      const due = t0 + i * interval;
      await sleep(Math.max(0, due - Date.now()));
      if (Date.now() - due > interval) lateStarts++;
      sentAt.set(p.orderId, Date.now());
      return sendWebhook(appUrl, p.payload);
    }),
  );
  const offeredS = (Date.now() - t0) / 1000;
  const ids = prepared.map((p) => p.orderId);
  const delivered = await drain(sql, ids);
  const cpuMs = treeCpuMs(ctx.appPid) - cpuBefore;
  const rows = await sql<{ id: string; sent: Date | null }[]>`
    select id, email_sent_at as sent from orders where id = any(${ids})`;
  const latencies = rows
    .filter((r) => r.sent)
    .map((r) => r.sent!.getTime() - sentAt.get(r.id)!)
    .sort((a, b) => a - b);
  const stages = await stageMedians(sql, ids, sentAt);
  const median = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const non200 = statuses.filter((s) => s !== 200).length;
  return [
    `open loop at ${ratePerSecond} orders/s (${n} webhooks over ${offeredS.toFixed(1)} s, ${lateStarts} sent late by the bench, ${non200} not 200): ` +
      `${delivered}/${n} delivered; webhook sent → email accepted median ${median} ms — target ≤ 300: ${median <= 300 ? "met" : "not met"}; ` +
      `p99 ${p99} ms — target ≤ 1000: ${p99 <= 1000 ? "met" : "not met"}; max ${latencies.at(-1) ?? "?"} ms`,
    `open loop median time per stage: ${stages}`,
    `open loop app CPU: ${delivered ? (cpuMs / delivered).toFixed(1) : "?"} ms per delivered order (${(cpuMs / (offeredS * 10)).toFixed(0)} % of one core while offered)`,
  ];
}

// The order's timeline, in the order a fulfilment writes it; each stage ends at its first row.
const STAGES: [label: string, where: string][] = [
  ["webhook sent → paid committed", "e.to_status = 'paid'"],
  ["→ job claimed, purchase started", "e.to_status = 'provisioning'"],
  ["→ eSIM Go answered", "e.step = 'purchase.succeeded'"],
  ["→ eSIM row written", "e.step = 'esim.issued'"],
  ["→ QR rendered and stored", "e.step = 'qr.stored'"],
  ["→ email accepted, delivered", "e.to_status = 'delivered'"],
];

/** Median time spent in each stage from the webhook's send to delivery (order_events timestamps). */
async function stageMedians(sql: postgres.Sql, ids: string[], sentAt: Map<string, number>): Promise<string> {
  const cases = STAGES.map(([, where], i) => `min(e.created_at) filter (where ${where}) as s${i}`).join(", ");
  const rows = await sql.unsafe<Record<string, Date | string | null>[]>(
    `select e.order_id, ${cases} from order_events e where e.order_id = any($1) group by e.order_id`,
    [ids],
  );
  const deltas: number[][] = STAGES.map(() => []);
  for (const r of rows) {
    let prev = sentAt.get(r.order_id as string)!;
    STAGES.forEach((_, i) => {
      const t = r[`s${i}`] as Date | null;
      if (!t) return;
      deltas[i]!.push(t.getTime() - prev);
      prev = t.getTime();
    });
  }
  return STAGES.map(
    ([label], i) =>
      `${label} ${percentile(
        deltas[i]!.sort((a, b) => a - b),
        50,
      )} ms`,
  ).join("; ");
}
