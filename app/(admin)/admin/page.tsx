// /admin — the shop's health for today, 7 or 30 days: money, delivery, speed, refunds, failures, the
// attention queue by age, wholesale balances, and per-day charts.
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { loadDashboard, PERIODS, type Period, type ProviderStatus } from "@/lib/admin/dashboard";
import { formatMoney } from "@/lib/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { BarChart } from "@/components/admin/bar-chart";
import { DataTable } from "@/components/ui/data-table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dashboard" };

function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <div className="card p-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-bold text-slate-900" data-testid={testId}>
        {value}
      </dd>
      {hint && <dd className="mt-1 text-xs text-slate-600">{hint}</dd>}
    </div>
  );
}

const clock = (at: Date) => at.toISOString().slice(11, 16) + " UTC";

/** Whether purchases go through: an open circuit is an outage, and the orders it holds back are counted. */
function ProviderServing({ status }: { status: ProviderStatus | undefined }) {
  if (!status) return null;
  const { circuit, waiting, oldestWaitingSeconds } = status;
  const down = circuit?.state === "open" || circuit?.state === "half_open";
  return (
    <div data-testid={`provider-status-${status.provider}`}>
      <p className={`mt-1 font-semibold ${down ? "text-red-700" : "text-emerald-800"}`}>
        {down
          ? `Not answering: purchases paused since ${circuit!.openedAt ? clock(circuit!.openedAt) : "now"} (${circuit!.failures} failures in a row)${circuit!.retryAt ? `, next try ${clock(circuit!.retryAt)}` : ""}`
          : circuit
            ? "Answering"
            : "Not called yet by this server"}
      </p>
      <p className="text-sm text-slate-700">
        {waiting === 0
          ? "No paid order waiting for it."
          : `${waiting} paid order${waiting === 1 ? "" : "s"} waiting, the oldest for ${duration(oldestWaitingSeconds)}.`}
      </p>
    </div>
  );
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const user = await requireAdminPage("/admin");
  const { period: raw } = await searchParams;
  const period: Period = raw && raw in PERIODS ? (raw as Period) : "7d";
  const d = await loadDashboard(await getDb(), period);
  const main = d.money[0];
  const cur = main?.currency ?? "USD";
  const money = (minor: number | undefined) => formatMoney(minor ?? 0, cur);

  return (
    <>
      <AdminNav current="/admin" email={user.email} />
      <div className="container-page py-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">Dashboard</h1>
          <nav aria-label="Period">
            <ul className="flex gap-1">
              {(Object.keys(PERIODS) as Period[]).map((p) => (
                <li key={p}>
                  <Link
                    href={`/admin?period=${p}`}
                    aria-current={p === period ? "page" : undefined}
                    className={`rounded-md px-3 py-1.5 text-sm font-semibold ${p === period ? "bg-brand-700 text-white" : "border border-slate-300 text-slate-800 hover:bg-slate-50"}`}
                  >
                    {PERIODS[p]}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>

        <section aria-labelledby="money-h" className="mt-6">
          <h2 id="money-h" className="sr-only">
            Money and delivery
          </h2>
          <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <Stat label="Paid orders" value={String(d.paidOrders)} testId="stat-orders" />
            <Stat label="Revenue" value={money(main?.revenueMinor)} testId="stat-revenue" />
            <Stat label="Wholesale cost" value={money(main?.wholesaleMinor)} testId="stat-wholesale" />
            <Stat
              label="Margin"
              value={money(main?.marginMinor)}
              hint={`after ${money(main?.refundedMinor)} refunded`}
              testId="stat-margin"
            />
            <Stat
              label="Delivery success"
              value={d.successRate === null ? "—" : `${Math.round(d.successRate * 1000) / 10} %`}
              hint={`${d.delivered} delivered`}
              testId="stat-success"
            />
            <Stat label="Payment → eSIM, median" value={duration(d.medianSeconds)} testId="stat-median" />
            <Stat label="Payment → eSIM, 95th percentile" value={duration(d.p95Seconds)} testId="stat-p95" />
            <Stat
              label="Open attention cases"
              value={String(d.attentionByAge.reduce((s, b) => s + b.count, 0))}
              hint={d.attentionByAge.map((b) => `${b.label.toLowerCase()}: ${b.count}`).join(" · ")}
              testId="stat-attention"
            />
          </dl>
          {d.money.length > 1 && (
            <p className="mt-2 text-sm text-slate-600">
              Also sold in{" "}
              {d.money
                .slice(1)
                .map((m) => `${m.currency} (${m.orders} orders, ${formatMoney(m.revenueMinor, m.currency)})`)
                .join(", ")}
              .
            </p>
          )}
        </section>

        <section aria-labelledby="balance-h" className="mt-8">
          <h2 id="balance-h" className="text-xl font-bold text-slate-900">
            Providers
          </h2>
          <ul className="mt-3 grid gap-3 sm:grid-cols-2">
            {d.balances.map((b) => (
              <li key={b.provider} className={`card p-4 ${b.low ? "border-amber-500" : ""}`}>
                <p className="text-sm text-slate-600">{b.provider}</p>
                <ProviderServing status={d.providers.find((p) => p.provider === b.provider)} />
                <p className="mt-2 text-sm text-slate-600">Wholesale balance</p>
                <p className="text-2xl font-bold text-slate-900">
                  {b.balanceMinor === null ? "Unavailable" : formatMoney(b.balanceMinor, b.currency)}
                </p>
                {b.error && <p className="text-sm text-red-700">{b.error}</p>}
                {b.low && !b.error && (
                  <p className="mt-1 text-sm font-semibold text-amber-900">
                    {b.funding === "issuing"
                      ? "Low balance: Tern tops it up with a Stripe Issuing card before each purchase — keep the Issuing balance funded."
                      : "Low balance: top it up before orders fail."}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="charts-h" className="mt-8">
          <h2 id="charts-h" className="text-xl font-bold text-slate-900">
            Per day
          </h2>
          <div className="mt-3 grid gap-4 lg:grid-cols-3">
            <BarChart
              title="Orders"
              unit="paid orders"
              points={d.series.map((p) => ({ label: p.day, value: p.orders, display: String(p.orders) }))}
            />
            <BarChart
              title="Revenue"
              unit={cur}
              points={d.series.map((p) => ({
                label: p.day,
                value: p.revenueMinor,
                display: formatMoney(p.revenueMinor, p.currency),
              }))}
              axis={(minor) => formatMoney(Math.round(minor), cur)}
            />
            <BarChart
              title="Time to eSIM"
              unit="median seconds"
              points={d.series.map((p) => ({
                label: p.day,
                value: p.medianSeconds,
                display: duration(p.medianSeconds),
              }))}
              axis={(seconds) => duration(seconds)}
            />
          </div>
        </section>

        <div className="mt-8 grid gap-6 md:grid-cols-2">
          <section aria-labelledby="refunds-h">
            <h2 id="refunds-h" className="text-xl font-bold text-slate-900">
              Refunds and reasons
            </h2>
            {d.refunds.length === 0 ? (
              <p className="mt-2 text-slate-700">No refunds in this period.</p>
            ) : (
              <DataTable
                caption="Refunds by reason"
                card={false}
                rows={d.refunds}
                rowKey={(r) => `${r.reason}-${r.currency}`}
                columns={[
                  { key: "reason", header: "Reason", cell: (r) => r.reason },
                  { key: "orders", header: "Orders", align: "right", cell: (r) => r.count },
                  {
                    key: "amount",
                    header: "Amount",
                    align: "right",
                    cell: (r) => formatMoney(r.amountMinor, r.currency),
                  },
                ]}
              />
            )}
          </section>
          <section aria-labelledby="failures-h">
            <h2 id="failures-h" className="text-xl font-bold text-slate-900">
              Failures by reason
            </h2>
            {d.failures.length === 0 ? (
              <p className="mt-2 text-slate-700">No failures in this period.</p>
            ) : (
              <ul className="mt-3 space-y-1 text-sm">
                {d.failures.map((f) => (
                  <li key={f.reason} className="flex justify-between border-t border-slate-200 py-1.5">
                    <span>{f.reason.replace(/_/g, " ")}</span>
                    <span className="font-semibold">{f.count}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
