// Money is summed per currency, never mixed.
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { selectRows } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { providerFor } from "@/lib/providers";
import { zenditInUse } from "./reconcile/sources";
import { attentionQueue } from "./attention-queue";
import { circuitSnapshots, type CircuitState } from "@/lib/observability/circuits";

export const PERIODS = { today: "Today", "7d": "7 days", "30d": "30 days" } as const;
export type Period = keyof typeof PERIODS;

function periodStart(period: Period, now = new Date()): Date {
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const days = period === "today" ? 0 : period === "7d" ? 6 : 29;
  return new Date(midnight.getTime() - days * 86_400_000);
}

interface MoneyLine {
  currency: string;
  orders: number;
  revenueMinor: number;
  refundedMinor: number;
  wholesaleMinor: number;
  marginMinor: number;
}

interface DayPoint {
  day: string;
  orders: number;
  revenueMinor: number;
  currency: string;
  medianSeconds: number | null;
}

interface WholesaleBalance {
  provider: string;
  balanceMinor: number | null;
  currency: string;
  low: boolean;
  error?: string;
  funding: "manual" | "issuing";
}

export interface ProviderStatus {
  provider: string;
  circuit: { state: CircuitState; openedAt: Date | null; retryAt: Date | null; failures: number } | null;
  waiting: number;
  oldestWaitingSeconds: number | null;
}

export interface Dashboard {
  period: Period;
  from: Date;
  money: MoneyLine[];
  paidOrders: number;
  delivered: number;
  successRate: number | null;
  medianSeconds: number | null;
  p95Seconds: number | null;
  refunds: { reason: string; count: number; amountMinor: number; currency: string }[];
  failures: { reason: string; count: number }[];
  attentionByAge: { label: string; count: number }[];
  balances: WholesaleBalance[];
  providers: ProviderStatus[];
  series: DayPoint[];
}

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const nOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function loadDashboard(db: Db, period: Period, now = new Date()): Promise<Dashboard> {
  const from = periodStart(period, now);
  const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const paidInRange = sql`paid_at >= ${ts(from)} and paid_at <= ${ts(now)}`;

  const [money, times, refunds, failures, series, queue, balances] = await Promise.all([
    selectRows<Record<string, unknown>>(
      db,
      sql`select currency, count(*) as orders, sum(amount_minor) as revenue,
            coalesce(sum(case when refunded_at is not null then coalesce(refunded_minor, amount_minor) end), 0) as refunded,
            coalesce(sum(case when exists (select 1 from provider_purchases p where p.order_id = o.id and p.status in ('succeeded','linked'))
              then coalesce(wholesale_minor, (bundle_snapshot->>'wholesaleMinor')::int) end), 0) as wholesale,
            count(*) filter (where status in ('delivered','installed')) as delivered,
            count(*) filter (where status in ('delivered','installed','failed','refunded','needs_attention')) as settled
          from orders o where ${paidInRange} group by currency order by count(*) desc`,
    ),
    selectRows<Record<string, unknown>>(
      db,
      sql`select percentile_cont(0.5) within group (order by extract(epoch from delivered_at - paid_at)) as median,
                 percentile_cont(0.95) within group (order by extract(epoch from delivered_at - paid_at)) as p95
          from orders where ${paidInRange} and delivered_at is not null`,
    ),
    selectRows<Record<string, unknown>>(
      db,
      sql`select coalesce(failure_reason, case when delivered_at is not null then 'Refunded after delivery' else 'Refunded' end) as reason,
                 count(*) as n, sum(coalesce(refunded_minor, amount_minor)) as amount, currency
          from orders where refunded_at >= ${ts(from)} and refunded_at <= ${ts(now)} group by 1, currency order by 2 desc`,
    ),
    selectRows<Record<string, unknown>>(
      db,
      sql`select coalesce(attention_reason, failure_reason, status) as reason, count(*) as n
          from orders where ${paidInRange} and status in ('failed','refunded','needs_attention') and (attention_reason is not null or failure_reason is not null or status = 'needs_attention')
          group by 1 order by 2 desc`,
    ),
    selectRows<Record<string, unknown>>(
      db,
      sql`select to_char(date_trunc('day', paid_at at time zone 'UTC'), 'YYYY-MM-DD') as day, currency, count(*) as orders,
                 sum(amount_minor) as revenue,
                 percentile_cont(0.5) within group (order by extract(epoch from delivered_at - paid_at)) filter (where delivered_at is not null) as median
          from orders where paid_at >= ${ts(periodStart(period === "today" ? "7d" : period, now))} and paid_at <= ${ts(now)}
          group by 1, 2 order by 1`,
    ),
    attentionQueue(db, now),
    wholesaleBalances(),
  ]);
  const providers = await providerStatuses(
    db,
    balances.map((b) => b.provider),
    now,
  );

  const moneyLines: MoneyLine[] = money.map((r) => {
    const revenue = n(r.revenue);
    const refunded = n(r.refunded);
    const wholesale = n(r.wholesale);
    return {
      currency: String(r.currency),
      orders: n(r.orders),
      revenueMinor: revenue,
      refundedMinor: refunded,
      wholesaleMinor: wholesale,
      marginMinor: revenue - refunded - wholesale,
    };
  });
  const delivered = money.reduce((s, r) => s + n(r.delivered), 0);
  const settled = money.reduce((s, r) => s + n(r.settled), 0);

  const mainCurrency = moneyLines[0]?.currency ?? env().pricing.currency;
  const spanStart = periodStart(period === "today" ? "7d" : period, now);
  const points: DayPoint[] = [];
  for (let t = spanStart.getTime(); t <= now.getTime(); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const row = series.find((r) => r.day === day && r.currency === mainCurrency);
    points.push({
      day,
      orders: series.filter((r) => r.day === day).reduce((s, r) => s + n(r.orders), 0),
      revenueMinor: n(row?.revenue),
      currency: mainCurrency,
      medianSeconds: nOrNull(row?.median),
    });
  }

  const buckets = [
    { label: "Under 1 hour", max: 60 },
    { label: "1 to 24 hours", max: 24 * 60 },
    { label: "Over a day", max: Infinity },
  ];
  const attentionByAge = buckets.map((b, i) => ({
    label: b.label,
    count: queue.filter((q) => q.ageMinutes < b.max && (i === 0 || q.ageMinutes >= buckets[i - 1]!.max)).length,
  }));

  return {
    period,
    from,
    money: moneyLines,
    paidOrders: moneyLines.reduce((s, m) => s + m.orders, 0),
    delivered,
    successRate: settled ? delivered / settled : null,
    medianSeconds: nOrNull(times[0]?.median),
    p95Seconds: nOrNull(times[0]?.p95),
    refunds: refunds.map((r) => ({
      reason: String(r.reason),
      count: n(r.n),
      amountMinor: n(r.amount),
      currency: String(r.currency),
    })),
    failures: failures.map((r) => ({ reason: String(r.reason), count: n(r.n) })),
    attentionByAge,
    balances,
    providers,
    series: points,
  };
}

export async function providerStatuses(db: Db, names: string[], now = new Date()): Promise<ProviderStatus[]> {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`select provider, count(*) as n, extract(epoch from ${now.toISOString()}::timestamptz - min(paid_at)) as oldest
        from orders
        where paid_at is not null and (status in ('paid', 'provisioning')
          or (status = 'needs_attention' and attention_reason = 'insufficient_balance'))
        group by provider`,
  );
  const circuits = circuitSnapshots();
  return names.map((provider) => {
    const row = rows.find((r) => r.provider === provider);
    const c = circuits.find((x) => x.name === provider);
    return {
      provider,
      circuit: c
        ? {
            state: c.state,
            openedAt: c.openedAt === null ? null : new Date(c.openedAt),
            retryAt: c.retryAt === null ? null : new Date(c.retryAt),
            failures: c.consecutiveFailures,
          }
        : null,
      waiting: n(row?.n),
      oldestWaitingSeconds: row ? Math.max(0, n(row.oldest)) : null,
    };
  });
}

export async function wholesaleBalances(): Promise<WholesaleBalance[]> {
  const e = env();
  const low = e.lowBalanceMinor;
  const read = async (
    provider: string,
    funding: WholesaleBalance["funding"],
    get: () => Promise<{ amountMinor: number; currency: string }>,
  ): Promise<WholesaleBalance> => {
    try {
      const { amountMinor, currency } = await get();
      return { provider, balanceMinor: amountMinor, currency, low: amountMinor < low, funding };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      return { provider, balanceMinor: null, currency: "USD", low: true, error, funding };
    }
  };
  return Promise.all([
    read("esim-go", "manual", () => providerFor("esim-go").balance()),
    ...(zenditInUse() ? [read("zendit", e.funding.zendit, () => providerFor("zendit").balance())] : []),
  ]);
}
