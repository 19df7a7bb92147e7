// /admin/attention — every order waiting for a person, oldest first: why, how long, who has it, and the
// action most likely to settle it, right there.
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { ACTION_LABELS, attentionQueue } from "@/lib/admin/attention";
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
            : `${items.length} order${items.length === 1 ? "" : "s"}, oldest first.`}
        </p>
        <ul className="mt-6 space-y-3">
          {items.map((it) => (
            <li key={it.orderId} className="card p-4" data-testid="attention-item">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="flex flex-wrap items-center gap-2">
                  <Link
                    href={`/admin/orders/${it.orderId}`}
                    className="font-mono font-semibold text-brand-700 underline"
                  >
                    {it.orderId}
                  </Link>
                  <StatusBadge status={it.status} />
                  <span className="text-sm text-slate-600">{it.reason.replace(/_/g, " ")}</span>
                </div>
                <p className="text-sm text-slate-700">
                  Waiting {age(it.ageMinutes)} · {it.owner ? `taken by ${it.owner}` : "nobody has it"} ·{" "}
                  {formatMoney(it.amountMinor, it.currency)}
                  {it.email ? ` · ${it.email}` : ""}
                </p>
              </div>
              <p className="mt-2 text-slate-800">{it.explanation}</p>
              <div className="mt-3 flex flex-wrap items-start gap-3">
                <span className="self-center text-sm font-semibold text-slate-700">
                  Likely fix: {ACTION_LABELS[it.action]}
                </span>
                {(it.action === "retry" || it.action === "top_up_then_retry") && (
                  <ActionButton
                    action={retryAction}
                    label="Retry now"
                    fields={{ orderId: it.orderId }}
                    variant="primary"
                  />
                )}
                {it.action !== "retry" && it.action !== "top_up_then_retry" && (
                  <Link href={`/admin/orders/${it.orderId}`} className="btn-secondary">
                    Open order
                  </Link>
                )}
                {!it.owner && <ActionButton action={takeAction} label="Take case" fields={{ orderId: it.orderId }} />}
              </div>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
