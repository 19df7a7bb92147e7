// /admin/attention — every order (or wallet top-up) waiting for a person, oldest first: why, how long, who
// has it, and the action most likely to settle it, right there.
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { ACTION_LABELS, attentionQueue } from "@/lib/admin/attention-queue";
import { formatMoney } from "@/lib/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { StatusBadge } from "@/components/admin/status-badge";
import { ActionButton } from "@/components/admin/action-button";
import { retryAction, takeAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Attention" };

function age(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} days`;
}

export default async function AttentionPage() {
  const user = await requireAdminPage("/admin/attention");
  const items = await attentionQueue(await getDb());
  return (
    <>
      <AdminNav current="/admin/attention" email={user.email} />
      <div className="container-page py-8">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Needs attention</h1>
        <p className="mt-1 text-slate-700">
          {items.length === 0
            ? "Nothing is waiting for a person."
            : `${items.length} case${items.length === 1 ? "" : "s"}, oldest first.`}
        </p>
        <ul className="mt-6 space-y-3">
          {items.map((it) => (
            <li key={it.key} className="card p-4" data-testid="attention-item">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="flex flex-wrap items-center gap-2">
                  {it.subject === "order" && it.orderId ? (
                    <Link
                      href={`/admin/orders/${it.orderId}`}
                      className="font-mono font-semibold text-brand-700 underline"
                    >
                      {it.orderId}
                    </Link>
                  ) : (
                    <span className="font-mono font-semibold text-slate-900">Top-up {it.topup?.id}</span>
                  )}
                  <StatusBadge status={it.status} />
                  <span className="text-sm text-slate-600">{it.reason.replace(/_/g, " ")}</span>
                </div>
                <p className="text-sm text-slate-700">
                  Waiting {age(it.ageMinutes)} ·{" "}
                  {it.subject === "order" ? (it.owner ? `taken by ${it.owner}` : "nobody has it") : it.topup?.provider}{" "}
                  · {formatMoney(it.amountMinor, it.currency)}
                  {it.email ? ` · ${it.email}` : ""}
                </p>
              </div>
              <p className="mt-2 text-slate-800">{it.explanation}</p>
              {it.topup && it.topup.orderIds.length > 0 && (
                <p className="mt-1 text-sm text-slate-700">
                  For order{it.topup.orderIds.length === 1 ? "" : "s"}{" "}
                  {it.topup.orderIds.map((id, i) => (
                    <span key={id}>
                      {i > 0 ? ", " : ""}
                      <Link href={`/admin/orders/${id}`} className="font-mono text-brand-700 underline">
                        {id}
                      </Link>
                    </span>
                  ))}
                </p>
              )}
              <div className="mt-3 flex flex-wrap items-start gap-3">
                <span className="self-center text-sm font-semibold text-slate-700">
                  Likely fix: {ACTION_LABELS[it.action]}
                </span>
                {it.subject === "order" &&
                  it.orderId &&
                  (it.action === "retry" || it.action === "top_up_then_retry") && (
                    <ActionButton
                      action={retryAction}
                      label="Retry now"
                      fields={{ orderId: it.orderId }}
                      variant="primary"
                    />
                  )}
                {it.subject === "order" && it.orderId && it.action !== "retry" && it.action !== "top_up_then_retry" && (
                  <Link href={`/admin/orders/${it.orderId}`} className="btn-secondary">
                    Open order
                  </Link>
                )}
                {it.subject === "topup" && (
                  <Link href="/admin/reconcile#failed-topups" className="btn-secondary">
                    See failed top-ups
                  </Link>
                )}
                {it.subject === "order" && it.orderId && !it.owner && (
                  <ActionButton action={takeAction} label="Take case" fields={{ orderId: it.orderId }} />
                )}
              </div>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
