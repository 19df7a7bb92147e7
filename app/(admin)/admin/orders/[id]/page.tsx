// /admin/orders/[id] — one order's whole story (transitions and steps, job attempts and their errors,
// provider requests and responses with secrets removed, emails, refunds, activation-detail views, admin
// actions) and the actions that settle it.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { requireAdminPage } from "@/lib/admin/guard";
import { getOrderDetail } from "@/lib/admin/orders";
import { explain } from "@/lib/admin/attention-queue";
import { formatMoney } from "@/lib/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { StatusBadge } from "@/components/admin/status-badge";
import { ActionButton } from "@/components/admin/action-button";
import { provisioningLogFor } from "@/lib/stock/queries";
import { ProvisioningLog } from "@/components/stock/provisioning-log";
import { offersUnusedRefund } from "@/lib/admin/refund-unused";
import {
  refundAction,
  refundUnusedAction,
  releaseAction,
  resendAction,
  resolveAction,
  retryAction,
  takeAction,
} from "../../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Order" };

const when = (d: Date | null | undefined) => (d ? d.toISOString().replace("T", " ").slice(0, 19) : "—");

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireAdminPage(`/admin/orders/${id}`);
  const db = await getDb();
  const detail = await getOrderDetail(db, id);
  if (!detail) notFound();
  const provisioning = await provisioningLogFor(db, detail.order.id);
  const { order, esim, adminCase } = detail;
  const owner = adminCase?.ownerEmail ?? null;
  const paidLike = ["paid", "provisioning", "needs_attention", "failed", "delivered", "installed"].includes(
    order.status,
  );
  const attention = order.status === "needs_attention" ? explain(order, 0) : null;
  // Offer only what applies; the actions themselves refuse the rest when posted anyway.
  const canRetry =
    ["paid", "provisioning", "failed"].includes(order.status) ||
    (order.status === "needs_attention" && order.attentionReason !== "amount_mismatch");
  const canResend = Boolean(esim) && (order.status === "delivered" || order.status === "installed");
  const canRefund = paidLike && !order.refundedAt && Boolean(order.stripePaymentIntentId);
  const canRefundUnused = esim ? offersUnusedRefund(order, esim.provider) : false;
  const settled = ["delivered", "installed", "refunded", "expired"].includes(order.status);
  const canResolve = !settled || Boolean(owner) || (Boolean(adminCase) && !adminCase?.resolvedAt);

  return (
    <>
      <AdminNav current="/admin/orders" email={user.email} />
      <div className="container-page py-8">
        <p className="text-sm">
          <Link href="/admin/orders" className="text-brand-700 underline">
            Orders
          </Link>
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="font-mono text-2xl font-bold text-slate-900">{order.id}</h1>
          <StatusBadge status={order.status} />
        </div>
        {attention && (
          <p className="mt-2 rounded-lg border border-amber-400 bg-amber-50 p-3 text-amber-950">
            <strong>Needs attention ({attention.reason}):</strong> {attention.explanation}
          </p>
        )}

        <dl className="mt-6 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {[
            ["Customer", order.email ?? "—"],
            ["Bundle", `${order.bundleSnapshot.title} (${order.bundleName})`],
            ["Provider", order.provider],
            ["Paid", `${formatMoney(order.amountMinor, order.currency)} · ${when(order.paidAt)}`],
            [
              "Wholesale",
              order.wholesaleMinor !== null ? formatMoney(order.wholesaleMinor, order.wholesaleCurrency ?? "USD") : "—",
            ],
            ["Delivered", when(order.deliveredAt)],
            ["Email sent", when(order.emailSentAt)],
            [
              "Refund",
              order.refundedAt
                ? `${formatMoney(order.refundedMinor ?? order.amountMinor, order.currency)} · ${order.refundId ?? ""} · ${when(order.refundedAt)}`
                : "—",
            ],
            ["Stripe session", order.stripeCheckoutSessionId ?? "—"],
            ["Payment intent", order.stripePaymentIntentId ?? "—"],
            ["eSIM", esim ? `${esim.iccid} (${esim.status}${esim.qrStored ? ", QR stored" : ""})` : "—"],
            [
              "Case",
              owner ? `taken by ${owner}` : adminCase?.resolvedAt ? `resolved by ${adminCase.resolvedBy}` : "nobody",
            ],
          ].map(([k, v]) => (
            <div key={k}>
              <dt className="text-slate-600">{k}</dt>
              <dd className="break-all font-medium text-slate-900">{v}</dd>
            </div>
          ))}
        </dl>
        {adminCase?.resolutionNote && (
          <p className="mt-3 text-sm text-slate-700">
            Resolution note: <q>{adminCase.resolutionNote}</q>
          </p>
        )}

        <section aria-labelledby="actions-h" className="card mt-6 p-4">
          <h2 id="actions-h" className="text-lg font-bold text-slate-900">
            Actions
          </h2>
          <div className="mt-3 flex flex-wrap gap-4">
            {canRetry && (
              <ActionButton
                action={retryAction}
                label="Retry fulfilment now"
                fields={{ orderId: order.id }}
                variant="primary"
              />
            )}
            {canResend && (
              <ActionButton action={resendAction} label="Resend delivery email" fields={{ orderId: order.id }} />
            )}
            {esim && (
              <Link href={`/account/esims/${esim.iccid}`} className="btn-secondary">
                Suspend or restore the eSIM
              </Link>
            )}
            {owner === user.email ? (
              <ActionButton action={releaseAction} label="Release case" fields={{ orderId: order.id }} />
            ) : owner ? (
              <p className="self-center text-sm text-slate-700">Taken by {owner}; they can release it.</p>
            ) : (
              <ActionButton action={takeAction} label="Take case" fields={{ orderId: order.id }} />
            )}
          </div>
          <div className="mt-4 grid gap-4 md:grid-cols-2">
            {canResolve && (
              <ActionButton
                action={resolveAction}
                label="Mark resolved"
                fields={{ orderId: order.id }}
                note="How was it settled?"
              />
            )}
            {canRefundUnused && (
              <div>
                <p className="mb-2 text-sm text-slate-700">
                  Not used yet: {esim?.provider} takes the bundle back and credits us, then the customer is refunded in
                  full. The eSIM stops working.
                </p>
                <ActionButton
                  action={refundUnusedAction}
                  label="Take back and refund"
                  fields={{ orderId: order.id }}
                  confirm={{ expected: order.id, prompt: "To take the eSIM back and refund, type" }}
                  variant="danger"
                />
              </div>
            )}
            {canRefund && (
              <ActionButton
                action={refundAction}
                label="Refund in full"
                fields={{ orderId: order.id }}
                confirm={{ expected: order.id, prompt: "To refund, type" }}
                variant="danger"
              />
            )}
          </div>
        </section>

        <section aria-labelledby="timeline-h" className="mt-8">
          <h2 id="timeline-h" className="text-xl font-bold text-slate-900">
            Timeline
          </h2>
          <ol className="mt-3 space-y-2">
            {detail.timeline.map((t, i) => (
              <li
                key={i}
                className={`rounded-lg border p-3 text-sm ${t.error ? "border-red-300 bg-red-50" : "border-slate-200"}`}
              >
                <div className="flex flex-wrap justify-between gap-2">
                  <span className="font-semibold text-slate-900">
                    <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase text-slate-700">
                      {t.source}
                    </span>
                    {t.title}
                  </span>
                  <time dateTime={t.at.toISOString()} className="text-slate-600">
                    {when(t.at)}
                  </time>
                </div>
                {t.detail !== null && t.detail !== undefined && (
                  <details className="mt-1">
                    <summary className="text-slate-700">Details</summary>
                    <pre className="mt-1 overflow-x-auto text-xs whitespace-pre-wrap text-slate-800">
                      {JSON.stringify(t.detail, null, 2)}
                    </pre>
                  </details>
                )}
              </li>
            ))}
          </ol>
        </section>

        <ProvisioningLog entries={provisioning} />

        <section aria-labelledby="audit-h" className="mt-8">
          <h2 id="audit-h" className="text-xl font-bold text-slate-900">
            Admin actions on this order
          </h2>
          {detail.audit.length === 0 ? (
            <p className="mt-2 text-slate-700">None yet.</p>
          ) : (
            <ul className="mt-3 space-y-1 text-sm">
              {detail.audit.map((a) => (
                <li key={a.id} className="border-t border-slate-200 py-1.5">
                  {when(a.at)} · <strong>{a.actorEmail}</strong> · {a.action} · {a.outcome}
                  {a.ip ? ` · ${a.ip}` : ""}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
