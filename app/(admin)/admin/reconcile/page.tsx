// /admin/reconcile — Stripe × our orders × eSIM Go and Zendit × our wallet top-ups for a date range: counts
// and money per kind of mismatch, every row with its repair, the same report as CSV, and failed top-ups.
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { reconcile } from "@/lib/admin/reconcile/run";
import { windowOf } from "@/lib/admin/reconcile/api";
import { MISMATCH_KINDS, REPAIR_LABELS, type Mismatch } from "@/lib/admin/reconcile/kinds";
import { listFailedTopups, type TopupView } from "@/lib/admin/wallet-topup-views";
import { formatMoney } from "@/lib/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { ActionButton } from "@/components/admin/action-button";
import { DataTable } from "@/components/ui/data-table";
import { repairAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Reconcile" };

function RepairButton({ m }: { m: Mismatch }) {
  const fields = {
    key: m.key,
    kind: m.kind,
    repair: m.repair,
    orderId: m.orderId,
    reference: m.reference,
    amountMinor: m.amountMinor,
    currency: m.currency,
  };
  const label = REPAIR_LABELS[m.repair];
  if (m.repair === "refund_order")
    return (
      <ActionButton
        action={repairAction}
        label={label}
        fields={fields}
        variant="danger"
        confirm={{ expected: m.orderId ?? "", prompt: "Type" }}
      />
    );
  if (m.repair === "refund_session")
    return (
      <ActionButton
        action={repairAction}
        label={label}
        fields={fields}
        variant="danger"
        confirm={{ expected: m.reference ?? "", prompt: "Type" }}
      />
    );
  if (m.repair === "cancel_card")
    return <ActionButton action={repairAction} label={label} fields={fields} variant="danger" />;
  if (m.repair === "acknowledge")
    return <ActionButton action={repairAction} label={label} fields={fields} note="What did you check?" />;
  return <ActionButton action={repairAction} label={label} fields={fields} variant="primary" />;
}

function FailedTopups({ topups }: { topups: TopupView[] }) {
  return (
    <section id="failed-topups" aria-labelledby="failed-topups-h" className="mt-10">
      <h2 id="failed-topups-h" className="text-xl font-bold text-slate-900">
        Failed wallet top-ups ({topups.length})
      </h2>
      <p className="text-sm text-slate-700">
        Top-ups of a provider wallet with a Stripe Issuing card that were declined, or stopped midway with no worker
        left. The orders of a declined top-up are refunded by themselves; what remains is to fix the funding.
      </p>
      {topups.length === 0 ? (
        <p className="mt-2 text-slate-700">None in this range.</p>
      ) : (
        <DataTable
          caption="Failed wallet top-ups"
          card={false}
          rows={topups}
          rowKey={(t) => t.id}
          rowTestId="failed-topup"
          rowClassName="align-top"
          columns={[
            {
              key: "topup",
              header: "Top-up",
              cell: (t) => (
                <>
                  <span className="font-mono">{t.id}</span>
                  <br />
                  <span className="text-slate-600">
                    {t.provider} · {t.createdAt.toISOString().replace("T", " ").slice(0, 16)}
                  </span>
                </>
              ),
            },
            { key: "status", header: "Status", cell: (t) => t.status },
            { key: "amount", header: "Amount", align: "right", cell: (t) => formatMoney(t.amountMinor, t.currency) },
            {
              key: "card",
              header: "Card",
              cell: (t) =>
                `${t.cardLast4 ? `•••• ${t.cardLast4}` : "—"}${t.cardId ? (t.cardCanceled ? " (canceled)" : " (not canceled)") : ""}`,
            },
            {
              key: "why",
              header: "Why",
              cell: (t) => t.error ?? (t.status === "stalled" ? "stopped midway" : "—"),
            },
            {
              key: "orders",
              header: "Orders",
              cell: (t) =>
                t.orderIds.map((id) => (
                  <a key={id} href={`/admin/orders/${id}`} className="block font-mono text-brand-700 underline">
                    {id}
                  </a>
                )),
            },
          ]}
        />
      )}
    </section>
  );
}

function parseWindow(q: { from?: string; to?: string }) {
  try {
    return { w: windowOf({ from: q.from, to: q.to }), error: null };
  } catch (err) {
    return { w: windowOf({}), error: err instanceof Error ? err.message : String(err) };
  }
}

export default async function ReconcilePage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  const user = await requireAdminPage("/admin/reconcile");
  const q = await searchParams;
  const { w, error: rangeError } = parseWindow(q);
  const outcome = await reconcile(await getDb(), w).then(
    (report) => ({ report, error: null }),
    (err: unknown) => ({
      report: null,
      error: `The reconcile could not read a source: ${err instanceof Error ? err.message : String(err)}`,
    }),
  );
  const report = outcome.report;
  const topups = await listFailedTopups(await getDb(), w);
  const error = rangeError ?? outcome.error;
  const fromDay = w.from.toISOString().slice(0, 10);
  const toDay = w.to.toISOString().slice(0, 10);

  return (
    <>
      <AdminNav current="/admin/reconcile" email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Reconcile</h1>
        <p className="mt-1 text-slate-700">
          Stripe&apos;s charges, refunds, events and Issuing card spend against our orders, our wallet top-ups and the
          providers&apos; own order lists (eSIM Go, Zendit).
        </p>
        <form
          method="get"
          action="/admin/reconcile"
          className="mt-4 flex flex-wrap items-end gap-3"
          aria-label="Date range"
        >
          <div>
            <label htmlFor="from" className="field-label">
              From
            </label>
            <input id="from" name="from" type="date" defaultValue={fromDay} className="field py-2" />
          </div>
          <div>
            <label htmlFor="to" className="field-label">
              To
            </label>
            <input id="to" name="to" type="date" defaultValue={toDay} className="field py-2" />
          </div>
          <button type="submit" className="btn-primary py-2">
            Reconcile
          </button>
          <a href={`/api/admin/reconcile?from=${fromDay}&to=${toDay}`} className="btn-secondary" download>
            Download CSV
          </a>
        </form>
        {error && (
          <p role="alert" className="mt-4 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900">
            {error}
          </p>
        )}
        {report && (
          <>
            <DataTable
              caption="Mismatches by kind"
              captionClassName="text-left text-lg font-bold text-slate-900"
              card={false}
              className="mt-6"
              rows={report.totals}
              rowKey={(t) => t.kind}
              rowProps={(t) => ({ "data-testid": `total-${t.kind}` })}
              columns={[
                {
                  key: "kind",
                  header: "Kind",
                  rowHeader: true,
                  cell: (t) =>
                    t.count > 0 ? (
                      <a href={`#${t.kind}`} className="text-brand-700 underline">
                        {t.label}
                      </a>
                    ) : (
                      t.label
                    ),
                },
                { key: "count", header: "Count", align: "right", cell: (t) => t.count },
                {
                  key: "money",
                  header: "Money",
                  align: "right",
                  cell: (t) =>
                    t.totals.length ? t.totals.map((m) => formatMoney(m.amountMinor, m.currency)).join(" + ") : "—",
                },
              ]}
            />
            {report.acknowledged > 0 && (
              <p className="mt-2 text-sm text-slate-600">{report.acknowledged} acknowledged mismatches are hidden.</p>
            )}
            {report.mismatches.length === 0 && (
              <p className="mt-6 text-lg font-semibold text-brand-800">Everything agrees.</p>
            )}
            {MISMATCH_KINDS.map(({ kind, label, explain }) => {
              const rows = report.mismatches.filter((m) => m.kind === kind);
              if (rows.length === 0) return null;
              return (
                <section key={kind} id={kind} aria-labelledby={`${kind}-h`} className="mt-8">
                  <h2 id={`${kind}-h`} className="text-xl font-bold text-slate-900">
                    {label} ({rows.length})
                  </h2>
                  <p className="text-sm text-slate-700">{explain}</p>
                  <ul className="mt-3 space-y-3">
                    {rows.map((m) => (
                      <li key={m.key} className="card p-4 text-sm" data-testid="mismatch">
                        <p className="font-medium text-slate-900">{m.summary}</p>
                        {m.advice && <p className="mt-1 text-slate-800">What to do: {m.advice}</p>}
                        <p className="mt-1 text-slate-600">
                          {formatMoney(m.amountMinor, m.currency)} · {m.at.toISOString().replace("T", " ").slice(0, 16)}
                          {m.orderId ? (
                            <>
                              {" · "}
                              <a href={`/admin/orders/${m.orderId}`} className="text-brand-700 underline">
                                order {m.orderId}
                              </a>
                            </>
                          ) : null}
                        </p>
                        <div className="mt-2">
                          <RepairButton m={m} />
                        </div>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </>
        )}
        <FailedTopups topups={topups} />
      </div>
    </>
  );
}
